import 'server-only';
import sharp from 'sharp';
import { watermarkOverlaySvg, type TWatermark } from './watermark-overlay';

export const THUMB_LONG_EDGE = 400;
export const PREVIEW_LONG_EDGE = 1000;
/** libwebp's effort 2 encodes about three times faster than its default of 4, for files a few percent larger. */
const WEBP_EFFORT = 2;

export type TDerivedImage = { bytes: Buffer; width: number; height: number };
export type TDerivedImages = { thumb: TDerivedImage; preview: TDerivedImage };

/**
 * Decodes the original once (turned upright by its EXIF orientation, converted to sRGB, 8 bits),
 * scales it to preview size, then encodes a watermarked WebP preview and a WebP thumbnail from that.
 * The thumbnail carries the watermark too (every picture a guest can fetch does), unless
 * `cleanThumbnail` is set (the media.cleanThumbnails setting). Neither output carries metadata:
 * sharp writes EXIF, XMP, IPTC or an ICC profile only when asked to (keepMetadata, withMetadata,
 * withExif...), and nothing here asks.
 *
 * Throws sharp's error when the pixels cannot be decoded (damaged or truncated file).
 */
export async function deriveImages(original: Buffer, watermark: TWatermark, options: { cleanThumbnail?: boolean } = {}): Promise<TDerivedImages> {
  const { data, info } = await sharp(original, { failOn: 'truncated', animated: false })
    .autoOrient()
    .resize(PREVIEW_LONG_EDGE, PREVIEW_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };

  const [preview, thumb] = await Promise.all([
    watermarked(data, raw, watermark).then((image) => image.webp({ quality: 80, effort: WEBP_EFFORT }).toBuffer({ resolveWithObject: true })),
    sharp(data, { raw })
      .resize(THUMB_LONG_EDGE, THUMB_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true })
      // The mark is drawn at the thumbnail's own size, so it stays legible rather than shrunk from the preview's.
      .then(async (small) => {
        const smallRaw = { width: small.info.width, height: small.info.height, channels: small.info.channels };
        const image = options.cleanThumbnail ? sharp(small.data, { raw: smallRaw }) : await watermarked(small.data, smallRaw, watermark);
        return image.webp({ quality: 78, effort: WEBP_EFFORT }).toBuffer({ resolveWithObject: true });
      }),
  ]);
  return {
    preview: { bytes: preview.data, width: preview.info.width, height: preview.info.height },
    thumb: { bytes: thumb.data, width: thumb.info.width, height: thumb.info.height },
  };
}

type TRaw = { width: number; height: number; channels: 1 | 2 | 3 | 4 };

async function watermarked(data: Buffer, raw: TRaw, watermark: TWatermark) {
  const overlay = await watermarkOverlay(raw.width, raw.height, watermark);
  return sharp(data, { raw }).composite([{ input: overlay.data, raw: overlay.raw, top: 0, left: 0 }]);
}

type TOverlay = { data: Buffer; raw: { width: number; height: number; channels: 4 } };

/** Rendered overlays by size and setting: most pictures share a handful of sizes, and rendering the text is the slow part. */
const overlayCache = new Map<string, Promise<TOverlay>>();
const OVERLAY_CACHE_SIZE = 24;

function watermarkOverlay(width: number, height: number, watermark: TWatermark): Promise<TOverlay> {
  const cacheKey = JSON.stringify([width, height, watermark.text, watermark.position, watermark.opacity]);
  const cached = overlayCache.get(cacheKey);
  if (cached) {
    overlayCache.delete(cacheKey); // re-inserted below: the map's order is least recently used first
    overlayCache.set(cacheKey, cached);
    return cached;
  }
  const rendering = sharp(Buffer.from(watermarkOverlaySvg(width, height, watermark)))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => {
      if (info.width !== width || info.height !== height || info.channels !== 4) throw new Error('The watermark overlay rendered at the wrong size.');
      return { data, raw: { width, height, channels: 4 as const } };
    });
  rendering.catch(() => overlayCache.delete(cacheKey));
  overlayCache.set(cacheKey, rendering);
  if (overlayCache.size > OVERLAY_CACHE_SIZE) overlayCache.delete(overlayCache.keys().next().value!);
  return rendering;
}
