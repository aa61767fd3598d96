import { describe, expect, it } from 'vitest';
import { offerTiers, type TPriceListTier } from '@/lib/catalog/offered-tiers';

const STANDARD: TPriceListTier[] = [
  { tier: 'S', longEdgePx: 800, priceMinor: 1900 },
  { tier: 'M', longEdgePx: 1600, priceMinor: 3900 },
  { tier: 'L', longEdgePx: 3000, priceMinor: 6900 },
  { tier: 'XL', longEdgePx: 6000, priceMinor: 11900 },
];

const summary = (original: { width: number; height: number }, tiers = STANDARD) =>
  offerTiers(original, tiers).map(({ tier, width, height, isOriginalSize }) => `${tier} ${width}x${height}${isOriginalSize ? ' original' : ''}`);

describe('offerTiers', () => {
  it('offers every tier of a large original, the largest as the original size', () => {
    expect(summary({ width: 4800, height: 3200 })).toEqual(['S 800x533', 'M 1600x1067', 'L 3000x2000', 'XL 4800x3200 original']);
  });

  it('offers a 1,400 px original in two sizes, not M, L and XL as the same file at three prices', () => {
    expect(summary({ width: 1400, height: 933 })).toEqual(['S 800x533', 'M 1400x933 original']);
  });

  it('offers a tier exactly the original size once, and nothing above it', () => {
    expect(summary({ width: 2000, height: 3000 })).toEqual(['S 533x800', 'M 1067x1600', 'L 2000x3000 original']);
  });

  it('offers only the smallest tier, as the original, when the original is smaller than every tier', () => {
    expect(summary({ width: 640, height: 480 })).toEqual(['S 640x480 original']);
  });

  it('sorts by long edge, whatever order the list is in, and keeps the prices', () => {
    const shuffled: TPriceListTier[] = [STANDARD[3]!, STANDARD[0]!, STANDARD[2]!, STANDARD[1]!];
    expect(offerTiers({ width: 6000, height: 4000 }, shuffled).map(({ tier, priceMinor }) => [tier, priceMinor])).toEqual([
      ['S', 1900],
      ['M', 3900],
      ['L', 6900],
      ['XL', 11900],
    ]);
  });

  it('offers nothing from an empty list', () => {
    expect(offerTiers({ width: 6000, height: 4000 }, [])).toEqual([]);
  });
});
