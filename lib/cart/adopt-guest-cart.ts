import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { carts } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { ensureCartId } from './cart-owner';

/**
 * At sign-in or registration: the guest's cart joins the account's (licences already there stay
 * once), and the guest cart is deleted, so the visitor cookie no longer leads to anything. Runs in
 * the caller's transaction (the sign-in's). Items are copied as they are: prices are worked out
 * when the cart is shown, with the account's price agreement.
 */
export async function adoptGuestCart(tx: TTransaction, guestKey: string, userId: string): Promise<{ adopted: number }> {
  const [guestCart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.guestKey, guestKey)).for('update');
  if (!guestCart) return { adopted: 0 };
  const cartId = await ensureCartId(tx, { kind: 'customer', userId });
  const adopted = await tx.execute<{ image_id: number }>(sql`
    insert into cart_items (cart_id, image_id, tier, added_at)
    select ${cartId}, image_id, tier, added_at from cart_items where cart_id = ${guestCart.id}
    on conflict do nothing
    returning image_id`);
  await tx.delete(carts).where(eq(carts.id, guestCart.id));
  return { adopted: adopted.rowCount ?? 0 };
}
