import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { lightboxes } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { DEFAULT_LIGHTBOX_NAME, ZLightboxId } from './lightbox-input';
import { LIGHTBOX_NOT_FOUND, lightboxNotFound, lockOwner, ownedBy, ownerColumns, type TLightboxOwner } from './lightbox-owner';

export type TLightboxRow = typeof lightboxes.$inferSelect;

/**
 * The owner's lightbox with this id, locked for the change, after taking the owner's lock. An
 * unknown id, a malformed one and another owner's answer the same NOT_FOUND.
 */
export async function ownedLightboxForUpdate(tx: TTransaction, owner: TLightboxOwner, rawId: unknown): Promise<TLightboxRow> {
  const parsed = ZLightboxId.safeParse(rawId);
  if (!parsed.success) throw new AppError('NOT_FOUND', LIGHTBOX_NOT_FOUND);
  await lockOwner(tx, owner);
  const [row] = await tx
    .select()
    .from(lightboxes)
    .where(and(eq(lightboxes.id, parsed.data), ownedBy(owner)))
    .for('update');
  if (!row) throw await lightboxNotFound(owner, parsed.data, tx);
  return row;
}

/** The owner's active lightbox; one named "My lightbox" is made when the owner has none active. Takes the owner's lock. */
export async function ensureActiveLightbox(tx: TTransaction, owner: TLightboxOwner): Promise<TLightboxRow> {
  await lockOwner(tx, owner);
  const [active] = await tx
    .select()
    .from(lightboxes)
    .where(and(ownedBy(owner), eq(lightboxes.isActive, true)));
  if (active) return active;
  // An owner with lightboxes but none active (the active one was deleted last): the first becomes active.
  const [first] = await tx.select().from(lightboxes).where(ownedBy(owner)).orderBy(asc(lightboxes.position), asc(lightboxes.createdAt)).limit(1);
  if (first) {
    const [updated] = await tx.update(lightboxes).set({ isActive: true }).where(eq(lightboxes.id, first.id)).returning();
    return updated!;
  }
  const [created] = await tx
    .insert(lightboxes)
    .values({ ...ownerColumns(owner), name: DEFAULT_LIGHTBOX_NAME, isActive: true, position: 0 })
    .returning();
  return created!;
}

/** The position after the owner's last lightbox. */
export async function nextLightboxPosition(tx: TTransaction, owner: TLightboxOwner): Promise<number> {
  const [row] = await tx.select({ max: sql<number | null>`max(${lightboxes.position})` }).from(lightboxes).where(ownedBy(owner));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Marks a lightbox changed (a guest's lightbox is removed 30 days after its last change). */
export async function touchLightbox(tx: TTransaction, lightboxId: string) {
  await tx.update(lightboxes).set({ updatedAt: new Date() }).where(eq(lightboxes.id, lightboxId));
}
