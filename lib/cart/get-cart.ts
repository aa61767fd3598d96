import 'server-only';
import { asc, count, eq, inArray } from 'drizzle-orm';
import { cartItems, carts, images } from '@/db/schema';
import { priceAgreementOf, priceLines, type TCartItemRef, type TPricedLine } from '@/lib/checkout/price-line';
import { db, type TExecutor } from '@/lib/db/client';
import { ownerCondition, type TCartOwner } from './cart-owner';

export type TCartView = {
  lines: TPricedLine[];
  /** Licences in the cart that are no longer for sale (unpublished image, tier no longer offered). */
  unavailable: Array<TCartItemRef & { imageTitle: string | null }>;
  currency: string;
  netTotalMinor: number;
  /** True when the lines are priced in more than one currency (two price lists): checkout refuses that. */
  mixedCurrencies: boolean;
};

/** The items in the owner's cart, oldest first. */
export async function cartItemRefs(executor: TExecutor, owner: TCartOwner): Promise<TCartItemRef[]> {
  return executor
    .select({ imageId: cartItems.imageId, tier: cartItems.tier })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(ownerCondition(owner))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.imageId), asc(cartItems.tier));
}

/** The owner's cart priced now, with the customer's agreement: what the cart page and checkout show. */
export async function getCart(owner: TCartOwner, executor: TExecutor = db): Promise<TCartView> {
  const items = await cartItemRefs(executor, owner);
  const agreement = await priceAgreementOf(executor, owner.kind === 'customer' ? owner.userId : null);
  const priced = await priceLines(executor, items, agreement);
  const lines = priced.filter((line): line is TPricedLine => line !== null);
  const missing = items.filter((_, index) => priced[index] === null);
  const titles =
    missing.length === 0
      ? new Map<number, string>()
      : new Map(
          (await executor.select({ id: images.id, title: images.title }).from(images).where(inArray(images.id, missing.map((item) => item.imageId)))).map(
            (row) => [row.id, row.title],
          ),
        );
  const currencies = new Set(lines.map((line) => line.currency));
  return {
    lines,
    unavailable: missing.map((item) => ({ ...item, imageTitle: titles.get(item.imageId) ?? null })),
    currency: lines[0]?.currency ?? 'EUR',
    netTotalMinor: lines.reduce((sum, line) => sum + line.netMinor, 0),
    mixedCurrencies: currencies.size > 1,
  };
}

/** How many licences the owner's cart holds (the header's count). */
export async function countCartItems(owner: TCartOwner, executor: TExecutor = db): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(ownerCondition(owner));
  return row?.total ?? 0;
}
