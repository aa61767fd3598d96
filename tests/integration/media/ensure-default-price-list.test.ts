import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { priceLists, priceTiers } from '@/db/schema';
import { ensureDefaultPriceList } from '@/lib/catalog/price-lists/ensure-default-price-list';
import { closeDatabase, db } from '@/lib/db/client';

afterAll(() => closeDatabase());

describe('ensureDefaultPriceList', () => {
  it('creates the Standard EUR list once, however often and however concurrently it is called', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => ensureDefaultPriceList()));
    expect(new Set(ids).size).toBe(1);
    expect(await ensureDefaultPriceList()).toBe(ids[0]);
    const lists = await db.select().from(priceLists).where(eq(priceLists.name, 'Standard'));
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ id: ids[0], currency: 'EUR' });
    const tiers = await db.select().from(priceTiers).where(eq(priceTiers.priceListId, ids[0]!)).orderBy(priceTiers.longEdgePx);
    expect(tiers.map(({ tier, longEdgePx, priceMinor }) => ({ tier, longEdgePx, priceMinor }))).toEqual([
      { tier: 'S', longEdgePx: 800, priceMinor: 1900 },
      { tier: 'M', longEdgePx: 1600, priceMinor: 3900 },
      { tier: 'L', longEdgePx: 3000, priceMinor: 6900 },
      { tier: 'XL', longEdgePx: 6000, priceMinor: 11900 },
    ]);
  });

  it('leaves a list staff have edited as it is', async () => {
    // Inside a transaction that is rolled back: other test files in this run still see the real tiers.
    const rollback = new Error('rollback');
    await expect(
      db.transaction(async (tx) => {
        const id = await ensureDefaultPriceList(tx);
        await tx.update(priceTiers).set({ priceMinor: 2500 }).where(eq(priceTiers.priceListId, id));
        await tx.delete(priceTiers).where(eq(priceTiers.tier, 'XL'));
        expect(await ensureDefaultPriceList(tx)).toBe(id);
        const tiers = await tx.select().from(priceTiers).where(eq(priceTiers.priceListId, id));
        expect(tiers.map((tier) => tier.priceMinor)).toEqual([2500, 2500, 2500]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const id = await ensureDefaultPriceList();
    expect(await db.select().from(priceTiers).where(eq(priceTiers.priceListId, id))).toHaveLength(4);
  });
});
