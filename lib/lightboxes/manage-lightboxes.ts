import 'server-only';
import { and, asc, eq, gt, lt, desc, ne } from 'drizzle-orm';
import { lightboxes } from '@/db/schema';
import { db, type TTransaction } from '@/lib/db/client';
import { ZLightboxName } from './lightbox-input';
import { lockOwner, ownedBy, ownerColumns, type TLightboxOwner } from './lightbox-owner';
import { nextLightboxPosition, ownedLightboxForUpdate } from './owned-lightbox';

/**
 * Creating, renaming, deleting, reordering and choosing the active lightbox: one transaction each,
 * every statement limited to the owner's rows.
 */

/** A new lightbox at the end of the list; it becomes the active one, since it was made to be filled. */
export async function createLightbox(owner: TLightboxOwner, rawName: unknown): Promise<{ id: string }> {
  const name = ZLightboxName.parse(rawName);
  return db.transaction(async (tx) => {
    await lockOwner(tx, owner);
    const position = await nextLightboxPosition(tx, owner);
    await tx.update(lightboxes).set({ isActive: false }).where(and(ownedBy(owner), eq(lightboxes.isActive, true)));
    const [row] = await tx.insert(lightboxes).values({ ...ownerColumns(owner), name, position, isActive: true }).returning({ id: lightboxes.id });
    return { id: row!.id };
  });
}

export async function renameLightbox(owner: TLightboxOwner, rawId: unknown, rawName: unknown): Promise<void> {
  const name = ZLightboxName.parse(rawName);
  await db.transaction(async (tx) => {
    const row = await ownedLightboxForUpdate(tx, owner, rawId);
    await tx.update(lightboxes).set({ name, updatedAt: new Date() }).where(eq(lightboxes.id, row.id));
  });
}

/** Deletes the lightbox with its items and shares (by cascade). If it was active, the first remaining one takes over. */
export async function deleteLightbox(owner: TLightboxOwner, rawId: unknown): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await ownedLightboxForUpdate(tx, owner, rawId);
    await tx.delete(lightboxes).where(eq(lightboxes.id, row.id));
    if (!row.isActive) return;
    const [next] = await tx.select({ id: lightboxes.id }).from(lightboxes).where(ownedBy(owner)).orderBy(asc(lightboxes.position), asc(lightboxes.createdAt)).limit(1);
    if (next) await tx.update(lightboxes).set({ isActive: true }).where(eq(lightboxes.id, next.id));
  });
}

export async function setActiveLightbox(owner: TLightboxOwner, rawId: unknown): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await ownedLightboxForUpdate(tx, owner, rawId);
    if (row.isActive) return;
    // Off first: the partial unique index allows one active lightbox per owner at any moment.
    await tx.update(lightboxes).set({ isActive: false }).where(and(ownedBy(owner), eq(lightboxes.isActive, true), ne(lightboxes.id, row.id)));
    await tx.update(lightboxes).set({ isActive: true }).where(eq(lightboxes.id, row.id));
  });
}

/** Swaps the lightbox with its neighbour above or below; at either end nothing changes. */
export async function moveLightbox(owner: TLightboxOwner, rawId: unknown, direction: 'up' | 'down'): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await ownedLightboxForUpdate(tx, owner, rawId);
    await normalisePositions(tx, owner);
    const [current] = await tx.select({ position: lightboxes.position }).from(lightboxes).where(eq(lightboxes.id, row.id));
    const position = current!.position;
    const [neighbour] = await tx
      .select({ id: lightboxes.id, position: lightboxes.position })
      .from(lightboxes)
      .where(and(ownedBy(owner), direction === 'up' ? lt(lightboxes.position, position) : gt(lightboxes.position, position)))
      .orderBy(direction === 'up' ? desc(lightboxes.position) : asc(lightboxes.position))
      .limit(1);
    if (!neighbour) return;
    await tx.update(lightboxes).set({ position: neighbour.position }).where(eq(lightboxes.id, row.id));
    await tx.update(lightboxes).set({ position }).where(eq(lightboxes.id, neighbour.id));
  });
}

/** Positions 0..n-1 in the current order, so two lightboxes never share one (a swap needs distinct values). */
async function normalisePositions(tx: TTransaction, owner: TLightboxOwner) {
  const rows = await tx.select({ id: lightboxes.id, position: lightboxes.position }).from(lightboxes).where(ownedBy(owner)).orderBy(asc(lightboxes.position), asc(lightboxes.createdAt));
  for (const [index, row] of rows.entries()) {
    if (row.position !== index) await tx.update(lightboxes).set({ position: index }).where(eq(lightboxes.id, row.id));
  }
}
