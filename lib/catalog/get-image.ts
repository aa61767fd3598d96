import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { images, priceLists, priceTiers } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { isImageId } from './image-id';
import { tierPixelSize } from './tier-size';

export type TImagePriceTier = {
  tier: (typeof priceTiers.$inferSelect)['tier'];
  longEdgePx: number;
  priceMinor: number;
  /** The size delivered for this image: the tier's long edge, capped at the original's. */
  width: number;
  height: number;
  /** True when the tier is at least as large as the original, so the original size is delivered. */
  isOriginalSize: boolean;
};

export type TImagePricing =
  | { kind: 'tiers'; currency: string; tiers: TImagePriceTier[] }
  /** Rights-managed images are priced per use, on request. */
  | { kind: 'on_request' };

export type TPublishedImage = Pick<
  typeof images.$inferSelect,
  | 'id'
  | 'title'
  | 'description'
  | 'keywords'
  | 'creatorName'
  | 'creditLine'
  | 'capturedOn'
  | 'width'
  | 'height'
  | 'orientation'
  | 'licenceModel'
  | 'modelRelease'
  | 'peopleCount'
> & { publishedAt: Date; pricing: TImagePricing };

/** A published image with what its detail page shows; null for an unknown or unpublished id (render 404). */
export async function getPublishedImage(id: number, executor: TExecutor = db): Promise<TPublishedImage | null> {
  if (!isImageId(id)) return null;
  const [row] = await executor
    .select({
      id: images.id,
      title: images.title,
      description: images.description,
      keywords: images.keywords,
      creatorName: images.creatorName,
      creditLine: images.creditLine,
      capturedOn: images.capturedOn,
      width: images.width,
      height: images.height,
      orientation: images.orientation,
      licenceModel: images.licenceModel,
      modelRelease: images.modelRelease,
      peopleCount: images.peopleCount,
      publishedAt: images.publishedAt,
      priceListId: images.priceListId,
    })
    .from(images)
    .where(and(eq(images.id, id), sql`${images.published}`))
    .limit(1);
  if (!row || !row.publishedAt) return null;

  const { priceListId, publishedAt, ...image } = row;
  const pricing = await pricingFor(image, priceListId, executor);
  return { ...image, publishedAt, pricing };
}

async function pricingFor(
  image: Pick<TPublishedImage, 'width' | 'height' | 'licenceModel'>,
  priceListId: number | null,
  executor: TExecutor,
): Promise<TImagePricing> {
  if (image.licenceModel !== 'royalty_free' || priceListId === null) return { kind: 'on_request' };
  const rows = await executor
    .select({
      currency: priceLists.currency,
      tier: priceTiers.tier,
      longEdgePx: priceTiers.longEdgePx,
      priceMinor: priceTiers.priceMinor,
    })
    .from(priceLists)
    .leftJoin(priceTiers, eq(priceTiers.priceListId, priceLists.id))
    .where(eq(priceLists.id, priceListId))
    // The enum's order is S, M, L, XL.
    .orderBy(asc(priceTiers.tier));
  const currency = rows[0]?.currency ?? 'EUR';
  const tiers = rows.flatMap(({ tier, longEdgePx, priceMinor }) =>
    tier === null || longEdgePx === null || priceMinor === null
      ? []
      : [{ tier, longEdgePx, priceMinor, ...tierPixelSize(image, longEdgePx) }],
  );
  return { kind: 'tiers', currency, tiers };
}
