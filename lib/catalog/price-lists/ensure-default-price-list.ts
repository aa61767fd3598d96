import 'server-only';
import { eq } from 'drizzle-orm';
import { priceLists, priceTiers } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';

export const DEFAULT_PRICE_LIST_NAME = 'Standard';

/** The tiers of the default list: the long edge a buyer receives and the price in euro cents. */
export const DEFAULT_PRICE_TIERS = [
  { tier: 'S', longEdgePx: 800, priceMinor: 1900 },
  { tier: 'M', longEdgePx: 1600, priceMinor: 3900 },
  { tier: 'L', longEdgePx: 3000, priceMinor: 6900 },
  { tier: 'XL', longEdgePx: 6000, priceMinor: 11900 },
] as const;

/**
 * Returns the id of the 'Standard' EUR price list, creating it with its four tiers (in one
 * transaction) when there is none. Safe to call repeatedly and concurrently: the unique name decides
 * which caller creates it, and a list that already exists is returned as it is, so tiers staff have
 * edited or removed are never put back.
 */
export async function ensureDefaultPriceList(executor: TExecutor = db): Promise<number> {
  return executor.transaction(async (tx) => {
    const [created] = await tx
      .insert(priceLists)
      .values({ name: DEFAULT_PRICE_LIST_NAME, currency: 'EUR' })
      .onConflictDoNothing({ target: priceLists.name })
      .returning({ id: priceLists.id });
    if (created) {
      await tx.insert(priceTiers).values(DEFAULT_PRICE_TIERS.map((tier) => ({ ...tier, priceListId: created.id })));
      return created.id;
    }
    const [existing] = await tx.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.name, DEFAULT_PRICE_LIST_NAME));
    if (!existing) throw new Error(`The ${DEFAULT_PRICE_LIST_NAME} price list could neither be created nor found.`);
    return existing.id;
  });
}
