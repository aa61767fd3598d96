// No 'server-only': plain arithmetic, also used by the test factories outside Next.

export type TPixelSize = { width: number; height: number };

/**
 * The pixel size a customer gets for a size tier: the long edge is the tier's, but never more than
 * the original's (we do not upscale); the other edge keeps the original's proportions.
 */
export function tierPixelSize(original: TPixelSize, tierLongEdgePx: number): TPixelSize & { isOriginalSize: boolean } {
  const originalLongEdge = Math.max(original.width, original.height);
  if (tierLongEdgePx >= originalLongEdge) return { width: original.width, height: original.height, isOriginalSize: true };
  const scale = tierLongEdgePx / originalLongEdge;
  const scaled = (edge: number) => Math.max(1, Math.round(edge * scale));
  return original.width >= original.height
    ? { width: tierLongEdgePx, height: scaled(original.height), isOriginalSize: false }
    : { width: scaled(original.width), height: tierLongEdgePx, isOriginalSize: false };
}
