import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { lightboxes, lightboxItems } from '@/db/schema';
import { adoptGuestCart } from '@/lib/cart/adopt-guest-cart';
import type { TTransaction } from '@/lib/db/client';

/**
 * What a guest kept during the visit moves into the account at sign-in or registration, in the
 * caller's transaction. One step per kind of thing kept; each step is safe to run again (a second
 * sign-in with the same visitor cookie finds nothing left to move).
 */
export async function adoptGuestVisit(tx: TTransaction, guestKey: string | null, userId: string): Promise<{ lightboxes: number; cartItems: number }> {
  if (!guestKey) return { lightboxes: 0, cartItems: 0 };
  const adoptedLightboxes = await adoptGuestLightboxes(tx, guestKey, userId);
  const cart = await adoptGuestCart(tx, guestKey, userId);
  return { lightboxes: adoptedLightboxes, cartItems: cart.adopted };
}

/**
 * The guest's lightboxes become the customer's. The guest's active lightbox is merged into the
 * customer's active one when there is one (the images the guest just collected land where the
 * customer keeps collecting; a note the customer already wrote wins over the guest's); otherwise
 * it moves over and stays active. Other guest lightboxes move over as they are, after the
 * customer's own. Returns how many guest lightboxes were taken over.
 */
async function adoptGuestLightboxes(tx: TTransaction, guestKey: string, userId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lightbox-owner:user:${userId}`}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lightbox-owner:guest:${guestKey}`}))`);
  const guestBoxes = await tx
    .select()
    .from(lightboxes)
    .where(and(eq(lightboxes.guestKey, guestKey), isNull(lightboxes.ownerUserId)))
    .orderBy(asc(lightboxes.position), asc(lightboxes.createdAt))
    .for('update');
  if (guestBoxes.length === 0) return 0;

  const [customerActive] = await tx
    .select({ id: lightboxes.id })
    .from(lightboxes)
    .where(and(eq(lightboxes.ownerUserId, userId), eq(lightboxes.isActive, true)));
  const [last] = await tx.select({ max: sql<number | null>`max(${lightboxes.position})` }).from(lightboxes).where(eq(lightboxes.ownerUserId, userId));
  let position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  const now = new Date();

  for (const box of guestBoxes) {
    if (box.isActive && customerActive) {
      await tx.execute(sql`
        insert into ${lightboxItems} (lightbox_id, image_id, note, position, added_at)
        select ${customerActive.id}, image_id, note,
               (select coalesce(max(position) + 1, 0) from ${lightboxItems} where lightbox_id = ${customerActive.id}) + position,
               added_at
        from ${lightboxItems} where lightbox_id = ${box.id}
        on conflict (lightbox_id, image_id) do update
          set note = case when ${lightboxItems.note} = '' then excluded.note else ${lightboxItems.note} end`);
      await tx.update(lightboxes).set({ updatedAt: now }).where(eq(lightboxes.id, customerActive.id));
      await tx.delete(lightboxes).where(eq(lightboxes.id, box.id));
      continue;
    }
    await tx
      .update(lightboxes)
      .set({ ownerUserId: userId, guestKey: null, position, isActive: box.isActive && !customerActive, updatedAt: now })
      .where(eq(lightboxes.id, box.id));
    position += 1;
  }
  return guestBoxes.length;
}
