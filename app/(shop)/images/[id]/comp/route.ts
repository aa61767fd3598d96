import { compDownloadResponse } from '@/lib/media/comp-download';
import { ZImageIdParam } from '@/lib/media/derivative-request';
import { mediaNotFound } from '@/lib/media/derivative-response';

/** Downloads the comp (watermarked preview) of a published image; anything else is a 404. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const imageId = ZImageIdParam.safeParse((await context.params).id);
  if (!imageId.success) return mediaNotFound();
  return compDownloadResponse(imageId.data);
}
