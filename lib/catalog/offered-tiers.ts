import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { images, priceLists, priceTiers } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { isImageId } from './image-id';
import { offerTiers, type TOfferedTier, type TPriceListTier } from './offer-tiers';

export { offerTiers, type TOfferedTier, type TPriceListTier, type TSizeTier } from './offer-tiers';

export type TOfferedTiers = { imageId: number; priceListId: number; currency: string; tiers: TOfferedTier[] };

/**
 * What a published royalty-free image is sold in: each offered tier with its pixel size and price.
 * Prices come from the image's own price list, or from `priceListId` when the caller applies a
 * customer's agreed list (checkout: customer_terms.price_list_id). Null when the image is not for sale
 * in tiers (unknown, unpublished, rights-managed) or the named price list does not exist; an existing
 * list without tiers gives an empty `tiers`. Discounts are not applied here: checkout does that.
 */
export async function offeredTiers(
  imageId: number,
  options: { priceListId?: number | null; executor?: TExecutor } = {},
): Promise<TOfferedTiers | null> {
  if (!isImageId(imageId)) return null;
  const executor = options.executor ?? db;
  const [image] = await executor
    .select({ width: images.width, height: images.height, licenceModel: images.licenceModel, priceListId: images.priceListId })
    .from(images)
    .where(and(eq(images.id, imageId), sql`${images.published}`))
    .limit(1);
  if (!image || image.licenceModel !== 'royalty_free') return null;
  const priceListId = options.priceListId ?? image.priceListId;
  if (priceListId === null) return null;
  const list = await priceListTiers(priceListId, executor);
  if (!list) return null;
  return { imageId, priceListId, currency: list.currency, tiers: offerTiers(image, list.tiers) };
}

/** A price list's currency and tiers; null when there is no such list. */
export async function priceListTiers(
  priceListId: number,
  executor: TExecutor = db,
): Promise<{ currency: string; tiers: TPriceListTier[] } | null> {
  const rows = await executor
    .select({
      currency: priceLists.currency,
      tier: priceTiers.tier,
      longEdgePx: priceTiers.longEdgePx,
      priceMinor: priceTiers.priceMinor,
    })
    .from(priceLists)
    .leftJoin(priceTiers, eq(priceTiers.priceListId, priceLists.id))
    .where(eq(priceLists.id, priceListId));
  const first = rows[0];
  if (!first) return null;
  const tiers = rows.flatMap(({ tier, longEdgePx, priceMinor }) =>
    tier === null || longEdgePx === null || priceMinor === null ? [] : [{ tier, longEdgePx, priceMinor }],
  );
  return { currency: first.currency, tiers };
}
