import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { images, lightboxes, lightboxItems } from '@/db/schema';
import { db, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { ZImageId, ZLightboxNote } from './lightbox-input';
import { ownedBy, type TLightboxOwner } from './lightbox-owner';
import { ensureActiveLightbox, ownedLightboxForUpdate, touchLightbox, type TLightboxRow } from './owned-lightbox';
import { countUsage } from '@/lib/usage/count-usage';

/**
 * Adding and removing images, and their notes. Without a lightbox id the active lightbox is meant
 * (the one-click button on search results and image pages); it is made on the first add.
 */

export type TLightboxChange = { lightboxId: string; lightboxName: string; imageId: number; inLightbox: boolean };

const IMAGE_NOT_FOUND = 'We could not find that image.';

function parseImageId(raw: unknown): number {
  const parsed = ZImageId.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', IMAGE_NOT_FOUND);
  return parsed.data;
}

async function targetLightbox(tx: TTransaction, owner: TLightboxOwner, rawLightboxId: unknown): Promise<TLightboxRow> {
  return rawLightboxId === undefined || rawLightboxId === null || rawLightboxId === ''
    ? ensureActiveLightbox(tx, owner)
    : ownedLightboxForUpdate(tx, owner, rawLightboxId);
}

/** Adds a published image; adding one that is already there changes nothing. */
export async function addLightboxImage(owner: TLightboxOwner, rawImageId: unknown, rawLightboxId?: unknown): Promise<TLightboxChange> {
  const imageId = parseImageId(rawImageId);
  const added = await db.transaction(async (tx) => {
    const [image] = await tx.select({ id: images.id }).from(images).where(and(eq(images.id, imageId), eq(images.published, true)));
    if (!image) throw new AppError('NOT_FOUND', IMAGE_NOT_FOUND);
    const lightbox = await targetLightbox(tx, owner, rawLightboxId);
    const [inserted] = await tx
      .insert(lightboxItems)
      .values({
        lightboxId: lightbox.id,
        imageId,
        position: sql`(select coalesce(max(${lightboxItems.position}) + 1, 0) from ${lightboxItems} where ${lightboxItems.lightboxId} = ${lightbox.id})`,
      })
      .onConflictDoNothing()
      .returning({ imageId: lightboxItems.imageId });
    if (inserted) await touchLightbox(tx, lightbox.id);
    return { change: { lightboxId: lightbox.id, lightboxName: lightbox.name, imageId, inLightbox: true } satisfies TLightboxChange, inserted: Boolean(inserted) };
  });
  if (added.inserted) countUsage('lightbox-add');
  return added.change;
}

/** Removes an image; removing one that is not there changes nothing. */
export async function removeLightboxImage(owner: TLightboxOwner, rawImageId: unknown, rawLightboxId?: unknown): Promise<TLightboxChange> {
  const imageId = parseImageId(rawImageId);
  return db.transaction(async (tx) => {
    const lightbox = await targetLightbox(tx, owner, rawLightboxId);
    const removed = await tx
      .delete(lightboxItems)
      .where(and(eq(lightboxItems.lightboxId, lightbox.id), eq(lightboxItems.imageId, imageId)))
      .returning({ imageId: lightboxItems.imageId });
    if (removed.length > 0) await touchLightbox(tx, lightbox.id);
    return { lightboxId: lightbox.id, lightboxName: lightbox.name, imageId, inLightbox: false };
  });
}

/** The owner's note on one image of one of their lightboxes. */
export async function updateLightboxNote(owner: TLightboxOwner, rawLightboxId: unknown, rawImageId: unknown, rawNote: unknown): Promise<void> {
  const imageId = parseImageId(rawImageId);
  const note = ZLightboxNote.parse(rawNote);
  await db.transaction(async (tx) => {
    const lightbox = await ownedLightboxForUpdate(tx, owner, rawLightboxId);
    const updated = await tx
      .update(lightboxItems)
      .set({ note })
      .where(and(eq(lightboxItems.lightboxId, lightbox.id), eq(lightboxItems.imageId, imageId)))
      .returning({ imageId: lightboxItems.imageId });
    if (updated.length === 0) throw new AppError('NOT_FOUND', 'That image is no longer in this lightbox.');
    await touchLightbox(tx, lightbox.id);
  });
}

export type TLightboxState = { active: { id: string; name: string; imageCount: number } | null; savedImageIds: number[] };

/**
 * For the buttons on a page: the active lightbox and which of the given images are in it. Read
 * after the page has loaded, so a page served from the shared cache carries no visitor's state.
 */
export async function lightboxState(owner: TLightboxOwner | null, imageIds: number[]): Promise<TLightboxState> {
  if (!owner) return { active: null, savedImageIds: [] };
  const [active] = await db
    .select({ id: lightboxes.id, name: lightboxes.name, imageCount: sql<number>`(select count(*)::int from ${lightboxItems} where ${lightboxItems.lightboxId} = ${lightboxes.id})` })
    .from(lightboxes)
    .where(and(ownedBy(owner), eq(lightboxes.isActive, true)));
  if (!active) return { active: null, savedImageIds: [] };
  const saved =
    imageIds.length === 0
      ? []
      : await db
          .select({ imageId: lightboxItems.imageId })
          .from(lightboxItems)
          .where(and(eq(lightboxItems.lightboxId, active.id), inArray(lightboxItems.imageId, imageIds)));
  return { active, savedImageIds: saved.map((row) => row.imageId) };
}
