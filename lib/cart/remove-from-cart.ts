import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { cartItems, carts } from '@/db/schema';
import { db } from '@/lib/db/client';
import { ZCartItemInput } from './add-to-cart';
import { ownerCondition, type TCartOwner } from './cart-owner';

/** The owner's cart rows only: the cart is found from the owner, never from an id in the request. */
const ownCart = (owner: TCartOwner) => db.select({ id: carts.id }).from(carts).where(ownerCondition(owner));

/** Takes one licence out of the owner's cart; one that is not there is already removed. */
export async function removeFromCart(owner: TCartOwner, input: unknown): Promise<void> {
  const item = ZCartItemInput.parse(input);
  await db
    .delete(cartItems)
    .where(and(inArray(cartItems.cartId, ownCart(owner)), eq(cartItems.imageId, item.imageId), eq(cartItems.tier, item.tier)));
}

/** Takes everything out of the owner's cart (the row stays: it is the customer's one cart). */
export async function emptyCart(owner: TCartOwner): Promise<void> {
  await db.delete(cartItems).where(inArray(cartItems.cartId, ownCart(owner)));
}
