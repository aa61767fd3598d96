import 'server-only';
import { recordVisit } from '@/lib/activity/record-visit';
import { mediaNotFound } from './derivative-response';
import { readDerivative } from './read-derivative';

/**
 * A comp: the watermarked preview of a published image as a download, recorded in the visitor's
 * activity. Never the original.
 */
export async function compDownloadResponse(imageId: number): Promise<Response> {
  const preview = await readDerivative(imageId, 'preview');
  if (!preview) return mediaNotFound();
  await recordVisit({ kind: 'comp_download', imageId });
  return new Response(preview.stream, {
    status: 200,
    headers: {
      'Content-Type': preview.contentType,
      'Content-Length': String(preview.size),
      'Content-Disposition': `attachment; filename="stockroom-comp-${imageId}.webp"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
