import { eq } from 'drizzle-orm';
import { imageMedia } from '@/db/schema';
import { ensureDefaultPriceList } from '@/lib/catalog/price-lists/ensure-default-price-list';
import { db } from '@/lib/db/client';
import { seedCatalog } from '@/tooling/demo/seed-catalog';
import { drawPicture } from '@/tooling/demo/draw-picture';
import { ingestImage } from '@/lib/media/ingest-image';

/** A small drawn catalog plus a few images the specs know by name. */
export async function seedE2ECatalog() {
  const seeded = await seedCatalog({ count: 40, seed: 7, longEdge: 1200 });
  const priceListId = await ensureDefaultPriceList();
  const fixture = async (seed: number, metadata: Parameters<typeof ingestImage>[0]['metadata'], publish: boolean) =>
    (await ingestImage({ source: await drawPicture({ seed, longEdge: 1600 }), fileName: `fixture-${seed}.jpg`, metadata, publish })).imageId;

  const lighthouseImageId = await fixture(
    9001,
    {
      title: 'Lighthouse at dusk over the harbour',
      description: 'A red and white lighthouse on the harbour wall as the sun goes down.',
      keywords: ['lighthouse', 'harbour', 'dusk', 'coast'],
      creatorName: 'Ana Ribeiro',
      creditLine: 'Ana Ribeiro / Stockroom',
      capturedOn: '2024-09-14',
      licenceModel: 'royalty_free',
      priceListId,
      modelRelease: 'not_needed',
      peopleCount: 0,
    },
    true,
  );
  const editorialImageId = await fixture(
    9002,
    {
      title: 'Crowd at the midsummer street festival',
      description: 'Dancers and onlookers fill the old town square.',
      keywords: ['festival', 'crowd', 'street', 'summer'],
      creatorName: 'Jonas Berg',
      licenceModel: 'rights_managed',
      modelRelease: 'none',
      peopleCount: 40,
    },
    true,
  );
  const unpublishedImageId = await fixture(
    9003,
    { title: 'Unreleased lighthouse study', keywords: ['lighthouse'], licenceModel: 'royalty_free', priceListId, modelRelease: 'not_needed' },
    false,
  );
  const [media] = await db.select().from(imageMedia).where(eq(imageMedia.imageId, lighthouseImageId));
  return {
    publishedImageId: lighthouseImageId,
    lighthouseImageId,
    editorialImageId,
    unpublishedImageId,
    originalKey: media!.originalKey,
    thumbKey: media!.thumbKey,
    imageCount: seeded.length + 3,
  };
}
