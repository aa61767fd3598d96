// No 'server-only': plain arithmetic on sizes and prices, also used by the test factories outside Next.
import { tierPixelSize, type TPixelSize } from './tier-size';

export type TSizeTier = 'S' | 'M' | 'L' | 'XL';

export type TPriceListTier = { tier: TSizeTier; longEdgePx: number; priceMinor: number };

export type TOfferedTier = TPriceListTier & {
  /** The size delivered for this image: the tier's long edge, or the original's for the largest offered tier. */
  width: number;
  height: number;
  /** True for the one tier (the largest offered) that delivers the original file's size. */
  isOriginalSize: boolean;
};

/**
 * The tiers of a price list an image of this size is offered in, smallest first. A tier is offered
 * while its long edge is below the original's; the first tier at or above the original's long edge
 * is offered once, as the original size, and every larger tier is left out: selling "XL" and "L"
 * as the same original file at two prices would charge twice for one thing.
 */
export function offerTiers(original: TPixelSize, tiers: readonly TPriceListTier[]): TOfferedTier[] {
  const bySize = [...tiers].sort((a, b) => a.longEdgePx - b.longEdgePx || a.priceMinor - b.priceMinor);
  const offered: TOfferedTier[] = [];
  for (const tier of bySize) {
    const size = tierPixelSize(original, tier.longEdgePx);
    offered.push({ tier: tier.tier, longEdgePx: tier.longEdgePx, priceMinor: tier.priceMinor, ...size });
    if (size.isOriginalSize) break;
  }
  return offered;
}
