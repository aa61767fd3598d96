import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { customerTerms, images, priceLists, priceTiers } from '@/db/schema';
import { offerTiers } from '@/lib/catalog/offer-tiers';
import type { TExecutor } from '@/lib/db/client';

export type TSizeTier = (typeof priceTiers.$inferSelect)['tier'];
export type TCartItemRef = { imageId: number; tier: TSizeTier };

/** What staff agreed with a customer about prices (customer_terms); nothing for guests. */
export type TPriceAgreement = { priceListId: number | null; discountBasisPoints: number };
export const NO_AGREEMENT: TPriceAgreement = { priceListId: null, discountBasisPoints: 0 };

/** One licence as it is sold now: size delivered and amounts in minor units, before VAT. */
export type TPricedLine = TCartItemRef & {
  imageTitle: string;
  licenceModel: 'royalty_free';
  currency: string;
  widthPx: number;
  heightPx: number;
  isOriginalSize: boolean;
  listPriceMinor: number;
  discountMinor: number;
  netMinor: number;
};

export async function priceAgreementOf(executor: TExecutor, userId: string | null): Promise<TPriceAgreement> {
  if (!userId) return NO_AGREEMENT;
  const [terms] = await executor
    .select({ priceListId: customerTerms.priceListId, discountBasisPoints: customerTerms.discountBasisPoints })
    .from(customerTerms)
    .where(eq(customerTerms.userId, userId));
  return terms ?? NO_AGREEMENT;
}

/**
 * THE price lookup of the cart and checkout: for each requested (image, tier), the line as sold
 * now, or null when it is not for sale (unknown or unpublished image, rights-managed, a tier this
 * image is not offered in). Prices come from the customer's agreed price list when there is one,
 * otherwise the image's; the agreed discount comes off each line, rounded per line to the cent,
 * as the invoice shows it. Two queries whatever the number of lines.
 */
export async function priceLines(executor: TExecutor, items: TCartItemRef[], agreement: TPriceAgreement): Promise<Array<TPricedLine | null>> {
  const imageIds = [...new Set(items.map((item) => item.imageId))];
  if (imageIds.length === 0) return [];
  const rows = await executor
    .select({ id: images.id, title: images.title, width: images.width, height: images.height, priceListId: images.priceListId })
    .from(images)
    .where(and(inArray(images.id, imageIds), sql`${images.published}`, eq(images.licenceModel, 'royalty_free')));
  const listIds = [...new Set(rows.map((row) => agreement.priceListId ?? row.priceListId).filter((id): id is number => id !== null))];
  const tierRows =
    listIds.length === 0
      ? []
      : await executor
          .select({ priceListId: priceTiers.priceListId, currency: priceLists.currency, tier: priceTiers.tier, longEdgePx: priceTiers.longEdgePx, priceMinor: priceTiers.priceMinor })
          .from(priceTiers)
          .innerJoin(priceLists, eq(priceLists.id, priceTiers.priceListId))
          .where(inArray(priceTiers.priceListId, listIds));
  const imageById = new Map(rows.map((row) => [row.id, row]));
  return items.map((item) => {
    const image = imageById.get(item.imageId);
    const listId = image ? (agreement.priceListId ?? image.priceListId) : null;
    if (!image || listId === null) return null;
    const listTiers = tierRows.filter((row) => row.priceListId === listId);
    const offered = offerTiers(image, listTiers).find((tier) => tier.tier === item.tier);
    if (!offered) return null;
    const discountMinor = Math.round((offered.priceMinor * agreement.discountBasisPoints) / 10_000);
    return {
      ...item,
      imageTitle: image.title,
      licenceModel: 'royalty_free',
      currency: listTiers[0]!.currency,
      widthPx: offered.width,
      heightPx: offered.height,
      isOriginalSize: offered.isOriginalSize,
      listPriceMinor: offered.priceMinor,
      discountMinor,
      netMinor: offered.priceMinor - discountMinor,
    };
  });
}

/** VAT of one line, rounded per line (half up) as the invoice shows it. */
export const lineVatMinor = (netMinor: number, rateBasisPoints: number) => Math.round((netMinor * rateBasisPoints) / 10_000);
