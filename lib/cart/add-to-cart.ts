import 'server-only';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cartItems } from '@/db/schema';
import { priceAgreementOf, priceLines } from '@/lib/checkout/price-line';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { ensureCartId, type TCartOwner } from './cart-owner';
import { countUsage } from '@/lib/usage/count-usage';

/** A cart is an order in progress, not a store: a limit keeps one visitor from filling the table. */
export const MAX_CART_LINES = 100;

/** Only the image and the tier: a price, a pixel size or a VAT rate sent along is not read. */
export const ZCartItemInput = z.object({
  imageId: z.coerce.number({ error: 'Choose an image.' }).int().positive().max(Number.MAX_SAFE_INTEGER),
  tier: z.enum(['S', 'M', 'L', 'XL'], { error: 'Choose a size.' }),
});

/**
 * Puts a licence for one image in one size tier into the owner's cart. Only a published
 * royalty-free image in a tier it is offered in (for this customer's price list) can be added;
 * adding the same licence again changes nothing.
 */
export async function addToCart(owner: TCartOwner, input: unknown): Promise<{ lineCount: number }> {
  const item = ZCartItemInput.parse(input);
  const added = await db.transaction(async (tx) => {
    const agreement = await priceAgreementOf(tx, owner.kind === 'customer' ? owner.userId : null);
    const [line] = await priceLines(tx, [item], agreement);
    if (!line) throw new AppError('INVALID_INPUT', 'This size is not available for this image.', { tier: 'This size is not available for this image.' });
    const cartId = await ensureCartId(tx, owner);
    const [{ lines } = { lines: 0 }] = await tx.select({ lines: count() }).from(cartItems).where(eq(cartItems.cartId, cartId));
    if (lines >= MAX_CART_LINES) throw new AppError('CONFLICT', `A cart holds at most ${MAX_CART_LINES} licences: check out or remove some first.`);
    const inserted = await tx.insert(cartItems).values({ cartId, imageId: item.imageId, tier: item.tier }).onConflictDoNothing().returning({ imageId: cartItems.imageId });
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(cartItems).where(eq(cartItems.cartId, cartId));
    return { lineCount: total, inserted: inserted.length > 0 };
  });
  if (added.inserted) countUsage('cart-add');
  return { lineCount: added.lineCount };
}
