import { describe, expect, it } from 'vitest';
import { offeredTiers } from '@/lib/catalog/offered-tiers';
import { createImage, createPriceList } from '@/tests/helpers/catalog-factory';

describe('offeredTiers', () => {
  it("lists the image's offered tiers with pixel size and the price from its own list", async () => {
    const priceListId = await createPriceList();
    const imageId = await createImage({ width: 1400, height: 933, priceListId });

    expect(await offeredTiers(imageId)).toEqual({
      imageId,
      priceListId,
      currency: 'EUR',
      tiers: [
        { tier: 'S', longEdgePx: 800, priceMinor: 1900, width: 800, height: 533, isOriginalSize: false },
        { tier: 'M', longEdgePx: 1600, priceMinor: 3900, width: 1400, height: 933, isOriginalSize: true },
      ],
    });
  });

  it("prices from a given list (a customer's agreed list) with that list's tiers and currency", async () => {
    const imageId = await createImage({ width: 4000, height: 3000 });
    const agreed = await createPriceList({
      currency: 'GBP',
      tiers: [
        { tier: 'S', longEdgePx: 1000, priceMinor: 1000 },
        { tier: 'M', longEdgePx: 2000, priceMinor: 2000 },
        { tier: 'L', longEdgePx: 5000, priceMinor: 5000 },
        { tier: 'XL', longEdgePx: 8000, priceMinor: 8000 },
      ],
    });

    const offered = await offeredTiers(imageId, { priceListId: agreed });
    expect(offered).toMatchObject({ imageId, priceListId: agreed, currency: 'GBP' });
    expect(offered?.tiers.map(({ tier, width, height, priceMinor, isOriginalSize }) => [tier, width, height, priceMinor, isOriginalSize])).toEqual([
      ['S', 1000, 750, 1000, false],
      ['M', 2000, 1500, 2000, false],
      ['L', 4000, 3000, 5000, true],
    ]);
  });

  it('falls back to the image list when the given id is null, and gives an empty list for a list without tiers', async () => {
    const imageId = await createImage({ width: 6000, height: 4000 });
    expect((await offeredTiers(imageId, { priceListId: null }))?.tiers).toHaveLength(4);

    const empty = await createPriceList({ tiers: [] });
    expect(await offeredTiers(imageId, { priceListId: empty })).toMatchObject({ priceListId: empty, tiers: [] });
  });

  it('offers nothing for an unpublished, rights-managed or unknown image, or an unknown price list', async () => {
    expect(await offeredTiers(await createImage({ published: false }))).toBeNull();
    expect(await offeredTiers(await createImage({ licenceModel: 'rights_managed', modelRelease: 'none' }))).toBeNull();
    expect(await offeredTiers(Number.MAX_SAFE_INTEGER)).toBeNull();
    expect(await offeredTiers(-1)).toBeNull();
    expect(await offeredTiers(await createImage(), { priceListId: 2_000_000_000 })).toBeNull();
  });
});
