import { describe, expect, it } from 'vitest';
import { FEATURED_LIMIT_MAX, getFeaturedImages } from '@/lib/catalog/featured-images';
import { createImage, inRolledBackTransaction, publishedMinutesAgo } from '@/tests/helpers/catalog-factory';

describe('getFeaturedImages', () => {
  it('returns the most recently published images, newest first, and no unpublished one', async () => {
    await inRolledBackTransaction(async (tx) => {
      // Published "in the future" (and rolled back) so they are the newest of all.
      const older = await createImage({ title: 'Older', publishedAt: publishedMinutesAgo(-10) }, tx);
      const newer = await createImage({ title: 'Newer', width: 3000, height: 4500, publishedAt: publishedMinutesAgo(-20) }, tx);
      await createImage({ title: 'Draft', published: false }, tx);

      const featured = await getFeaturedImages(2, tx);

      expect(featured).toEqual([
        { id: newer, title: 'Newer', width: 3000, height: 4500, orientation: 'portrait', licenceModel: 'royalty_free', modelRelease: 'released' },
        { id: older, title: 'Older', width: 6000, height: 4000, orientation: 'landscape', licenceModel: 'royalty_free', modelRelease: 'released' },
      ]);
    });
  });

  it('keeps the limit between 1 and the maximum', async () => {
    await createImage({ title: 'Something to show' });
    expect(await getFeaturedImages(0)).toHaveLength(1);
    expect(await getFeaturedImages(-5)).toHaveLength(1);
    expect((await getFeaturedImages(10_000)).length).toBeLessThanOrEqual(FEATURED_LIMIT_MAX);
  });
});
