import 'server-only';
import { asc, count } from 'drizzle-orm';
import { images, priceLists, priceTiers, sizeTier } from '@/db/schema';
import { assertStaffMay } from '@/lib/customers/customer-access';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';

export const SIZE_TIERS = sizeTier.enumValues;
export type TSizeTier = (typeof SIZE_TIERS)[number];

export type TPriceListView = {
  id: number;
  name: string;
  currency: string;
  imageCount: number;
  tiers: Partial<Record<TSizeTier, { longEdgePx: number; priceMinor: number }>>;
};

/** Every price list with its tiers and how many images use it, for the price-list page. */
export async function listPriceLists(actor: TStaffActor): Promise<TPriceListView[]> {
  assertStaffMay(actor, 'catalog.manage');
  const [lists, tiers, usage] = await Promise.all([
    db.select().from(priceLists).orderBy(asc(priceLists.name)),
    db.select().from(priceTiers),
    db.select({ priceListId: images.priceListId, images: count() }).from(images).groupBy(images.priceListId),
  ]);
  return lists.map((list) => ({
    id: list.id,
    name: list.name,
    currency: list.currency,
    imageCount: usage.find((row) => row.priceListId === list.id)?.images ?? 0,
    tiers: Object.fromEntries(tiers.filter((tier) => tier.priceListId === list.id).map((tier) => [tier.tier, { longEdgePx: tier.longEdgePx, priceMinor: tier.priceMinor }])),
  }));
}
