import { describe, expect, it } from 'vitest';
import { getPublishedImage } from '@/lib/catalog/get-image';
import { createImage, createPriceList } from '@/tests/helpers/catalog-factory';

describe('getPublishedImage', () => {
  it('returns the image with its details', async () => {
    const id = await createImage({
      title: 'Lighthouse at dusk',
      description: 'A lighthouse on a rocky point.',
      keywords: ['lighthouse', 'coast', 'dusk'],
      creatorName: 'Aoife Byrne',
      creditLine: 'Aoife Byrne / Stockroom',
      capturedOn: '2023-06-21',
      width: 6000,
      height: 4000,
      modelRelease: 'not_needed',
      peopleCount: 0,
    });

    const image = await getPublishedImage(id);

    expect(image).toMatchObject({
      id,
      title: 'Lighthouse at dusk',
      description: 'A lighthouse on a rocky point.',
      keywords: ['lighthouse', 'coast', 'dusk'],
      creatorName: 'Aoife Byrne',
      creditLine: 'Aoife Byrne / Stockroom',
      capturedOn: '2023-06-21',
      width: 6000,
      height: 4000,
      orientation: 'landscape',
      licenceModel: 'royalty_free',
      modelRelease: 'not_needed',
      peopleCount: 0,
    });
    expect(image?.publishedAt).toBeInstanceOf(Date);
  });

  it('gives each tier of a landscape image its pixel size, capped at the original', async () => {
    const id = await createImage({ width: 6000, height: 4000 });
    const image = await getPublishedImage(id);

    expect(image?.pricing).toEqual({
      kind: 'tiers',
      currency: 'EUR',
      tiers: [
        { tier: 'S', longEdgePx: 800, priceMinor: 1900, width: 800, height: 533, isOriginalSize: false },
        { tier: 'M', longEdgePx: 1600, priceMinor: 3900, width: 1600, height: 1067, isOriginalSize: false },
        { tier: 'L', longEdgePx: 3000, priceMinor: 6900, width: 3000, height: 2000, isOriginalSize: false },
        { tier: 'XL', longEdgePx: 6000, priceMinor: 11900, width: 6000, height: 4000, isOriginalSize: true },
      ],
    });
  });

  it('scales the short edge of a portrait image, and offers no tier larger than a small original', async () => {
    const portrait = await getPublishedImage(await createImage({ width: 3456, height: 5184 }));
    expect(portrait?.pricing.kind === 'tiers' && portrait.pricing.tiers.map(({ tier, width, height }) => [tier, width, height])).toEqual([
      ['S', 533, 800],
      ['M', 1067, 1600],
      ['L', 2000, 3000],
      ['XL', 3456, 5184],
    ]);

    const small = await getPublishedImage(await createImage({ width: 2400, height: 1800 }));
    expect(small?.pricing.kind === 'tiers' && small.pricing.tiers.map(({ tier, width, height, isOriginalSize }) => [tier, width, height, isOriginalSize])).toEqual([
      ['S', 800, 600, false],
      ['M', 1600, 1200, false],
      ['L', 2400, 1800, true],
    ]);
  });

  it('uses the price list of the image, with its currency and tiers in size order', async () => {
    const priceListId = await createPriceList({
      currency: 'GBP',
      tiers: [
        { tier: 'XL', longEdgePx: 5000, priceMinor: 9900 },
        { tier: 'S', longEdgePx: 1000, priceMinor: 1500 },
      ],
    });
    const image = await getPublishedImage(await createImage({ width: 5000, height: 5000, priceListId }));

    expect(image?.orientation).toBe('square');
    expect(image?.pricing).toEqual({
      kind: 'tiers',
      currency: 'GBP',
      tiers: [
        { tier: 'S', longEdgePx: 1000, priceMinor: 1500, width: 1000, height: 1000, isOriginalSize: false },
        { tier: 'XL', longEdgePx: 5000, priceMinor: 9900, width: 5000, height: 5000, isOriginalSize: true },
      ],
    });
  });

  it('prices a rights-managed image on request', async () => {
    const id = await createImage({ licenceModel: 'rights_managed', modelRelease: 'none', peopleCount: 3 });
    const image = await getPublishedImage(id);

    expect(image).toMatchObject({ licenceModel: 'rights_managed', modelRelease: 'none', peopleCount: 3 });
    expect(image?.pricing).toEqual({ kind: 'on_request' });
  });

  it('returns null for an unpublished image', async () => {
    expect(await getPublishedImage(await createImage({ published: false }))).toBeNull();
    expect(await getPublishedImage(await createImage({ published: false, publishedAt: new Date() }))).toBeNull();
  });

  it('returns null for ids that do not exist or are not ids', async () => {
    for (const id of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, Number.MAX_SAFE_INTEGER]) {
      expect(await getPublishedImage(id), String(id)).toBeNull();
    }
  });
});
