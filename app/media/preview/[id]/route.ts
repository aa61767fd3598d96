import { ZImageIdParam } from '@/lib/media/derivative-request';
import { derivativeResponse, mediaNotFound } from '@/lib/media/derivative-response';

/** The preview of a published image, by image id; public and cacheable. Anything else is a 404. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const imageId = ZImageIdParam.safeParse((await context.params).id);
  if (!imageId.success) return mediaNotFound();
  return derivativeResponse(request, imageId.data, 'preview');
}
