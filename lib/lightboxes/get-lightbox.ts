import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { images, lightboxes, lightboxItems } from '@/db/schema';
import { db } from '@/lib/db/client';
import { lightboxNotFound, ownedBy, type TLightboxOwner } from './lightbox-owner';
import { ZLightboxId } from './lightbox-input';
import { AppError } from '@/lib/errors';
import { LIGHTBOX_NOT_FOUND } from './lightbox-owner';

export type TLightboxImage = { imageId: number; title: string; width: number; height: number; note: string; addedAt: Date };
export type TLightbox = { id: string; name: string; isActive: boolean; updatedAt: Date; images: TLightboxImage[] };

/**
 * Images of a lightbox, in the order they were added; only published ones (an image taken out of
 * the catalogue has no thumbnail to show). Read by the owner only: NOT_FOUND otherwise.
 */
export async function getLightbox(owner: TLightboxOwner, rawId: unknown): Promise<TLightbox> {
  const parsed = ZLightboxId.safeParse(rawId);
  if (!parsed.success) throw new AppError('NOT_FOUND', LIGHTBOX_NOT_FOUND);
  const id = parsed.data;
  const [lightbox] = await db
    .select({ id: lightboxes.id, name: lightboxes.name, isActive: lightboxes.isActive, updatedAt: lightboxes.updatedAt })
    .from(lightboxes)
    .where(and(eq(lightboxes.id, id), ownedBy(owner)));
  if (!lightbox) throw await lightboxNotFound(owner, id);
  return { ...lightbox, images: await lightboxImages(id) };
}

/** The published images of a lightbox the caller has already authorized (owner, or a valid share). */
export async function lightboxImages(lightboxId: string): Promise<TLightboxImage[]> {
  return db
    .select({
      imageId: images.id,
      title: images.title,
      width: images.width,
      height: images.height,
      note: lightboxItems.note,
      addedAt: lightboxItems.addedAt,
    })
    .from(lightboxItems)
    .innerJoin(images, and(eq(images.id, lightboxItems.imageId), eq(images.published, true)))
    .where(eq(lightboxItems.lightboxId, lightboxId))
    .orderBy(asc(lightboxItems.position), asc(lightboxItems.addedAt));
}
