import { z } from 'zod';
import { errorResponse } from '@/lib/errors';
import { isStaffSession, readLightboxOwner } from '@/lib/lightboxes/current-owner';
import { lightboxState } from '@/lib/lightboxes/lightbox-images';

export const dynamic = 'force-dynamic';

const ZIds = z
  .string()
  .max(2000)
  .transform((raw) => raw.split(',').filter(Boolean).map(Number))
  .pipe(z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).max(100));

/**
 * Which of a page's images are in the visitor's active lightbox. The buttons ask after the page has
 * loaded, so the page itself stays the same for every guest and can be served from the page cache.
 * Private to this visitor: never stored by a cache.
 */
export async function GET(request: Request) {
  try {
    const ids = ZIds.parse(new URL(request.url).searchParams.get('ids') ?? '');
    const owner = await readLightboxOwner();
    const state = await lightboxState(owner, ids);
    const href = owner?.kind === 'customer' ? (state.active ? `/account/lightboxes/${state.active.id}` : '/account/lightboxes') : '/lightbox';
    return Response.json(
      { canUse: !(await isStaffSession()), activeName: state.active?.name ?? null, imageCount: state.active?.imageCount ?? 0, savedImageIds: state.savedImageIds, href },
      { headers: { 'Cache-Control': 'private, no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

