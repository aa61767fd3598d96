import 'server-only';
import { ensureDefaultPriceList } from '@/lib/catalog/price-lists/ensure-default-price-list';
import { ingestImage } from '@/lib/media/ingest-image';
import { getSetting } from '@/lib/settings/get-setting';
import { describeDemoPicture } from './describe-demo-picture';
import { drawPicture } from './draw-picture';

/** Pictures drawn and ingested at once: sharp works on its own threads, so a few in flight keep both cores busy. */
const PARALLEL = 3;

export type TSeedCatalogOptions = {
  count: number;
  /** The same seed gives the same pictures and the same texts. */
  seed: number;
  /**
   * Long edge of the drawn originals. Unset: the standard sizes (4,000 to 4,800 px), so the demo offers
   * all four default tiers as different files; tests pass a small one to stay fast.
   */
  longEdge?: number;
};

/**
 * Draws `count` demo pictures and ingests each through the real pipeline (derivatives, watermark,
 * metadata checks), returning the new image ids in order. Every call adds `count` new images; a
 * different seed gives different ones.
 */
export async function seedCatalog(options: TSeedCatalogOptions): Promise<number[]> {
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error('count must be a whole number, 0 or more.');
  const watermark = await getSetting('media.watermark');
  const cleanThumbnails = await getSetting('media.cleanThumbnails');
  const defaultPriceListId = await ensureDefaultPriceList();
  const ids = new Array<number>(options.count);
  let next = 0;
  let failed = false;

  const worker = async () => {
    while (next < options.count && !failed) {
      const index = next++;
      const pictureSeed = options.seed * 100_003 + index;
      const picture = describeDemoPicture(pictureSeed);
      const bytes = await drawPicture({
        seed: pictureSeed,
        theme: picture.theme,
        timeOfDay: picture.timeOfDay,
        orientation: picture.orientation,
        longEdge: options.longEdge,
      });
      const { imageId } = await ingestImage(
        {
          source: bytes,
          fileName: `demo-${pictureSeed}.jpg`,
          metadata: {
            ...picture.metadata,
            priceListId: picture.metadata.licenceModel === 'royalty_free' ? defaultPriceListId : null,
          },
          publish: picture.publish,
        },
        { watermark, cleanThumbnails },
      );
      ids[index] = imageId;
    }
  };
  const guarded = () =>
    worker().catch((error: unknown) => {
      failed = true; // the other workers stop after their current picture
      throw error;
    });
  await Promise.all(Array.from({ length: Math.min(PARALLEL, options.count) }, guarded));
  return ids;
}
