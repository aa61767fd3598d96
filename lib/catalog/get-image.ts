import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { images } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { isImageId } from './image-id';
import { offerTiers, priceListTiers, type TOfferedTier } from './offered-tiers';

/** An offered tier (lib/catalog/offered-tiers.ts): tiers larger than the original are not offered. */
export type TImagePriceTier = TOfferedTier;

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
  const list = await priceListTiers(priceListId, executor);
  return { kind: 'tiers', currency: list?.currency ?? 'EUR', tiers: offerTiers(image, list?.tiers ?? []) };
}
