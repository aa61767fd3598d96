import 'server-only';
import { and, asc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import { imageMedia } from '@/db/schema';
import { db } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import { deriveImages } from './derive-images';
import { currentDerivativeSettings, derivativeStyle, type TDerivativeSettings } from './derivative-style';
import { readOriginalBytes } from './read-original';
import { createStorageKey, mediaStorage, type TMediaObject, type TMediaStorage } from './storage';

const BATCH = 20;

type TRow = { imageId: number; originalKey: string; originalMime: string; thumbKey: string; previewKey: string };

/**
 * Renders the thumbnail and preview again, from the original, for every image whose derivatives were
 * made under other watermark settings than the current ones (image_media.derived_style differs, or
 * is null: made before it was recorded). Runs as the media.rerender-derivatives job, sent when
 * media.watermark or media.cleanThumbnails changes and at every worker start (which brings files made
 * by an older version up to date); a run with nothing to do costs one query.
 *
 * New files get new keys (derivatives are never rewritten in place, so ETags stay true); the row is
 * switched only if nobody switched it meanwhile. The replaced files are left to the daily orphan
 * sweep, so a request that read the old key a moment before the switch still finds its file.
 */
export async function rerenderDerivatives(options: { storage?: TMediaStorage } = {}): Promise<{ rerendered: number; failed: number }> {
  const storage = options.storage ?? mediaStorage();
  const settings = await currentDerivativeSettings();
  const style = derivativeStyle(settings);
  let rerendered = 0;
  let failed = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select({
        imageId: imageMedia.imageId,
        originalKey: imageMedia.originalKey,
        originalMime: imageMedia.originalMime,
        thumbKey: imageMedia.thumbKey,
        previewKey: imageMedia.previewKey,
      })
      .from(imageMedia)
      .where(and(gt(imageMedia.imageId, afterId), or(isNull(imageMedia.derivedStyle), ne(imageMedia.derivedStyle, style))))
      .orderBy(asc(imageMedia.imageId))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      afterId = row.imageId;
      try {
        if (await rerenderOne(row, settings, style, storage)) rerendered++;
      } catch (error) {
        failed++;
        logLine('error', 'media', `re-rendering the derivatives of image ${row.imageId} failed: ${errorSummary(error)}`);
      }
    }
  }
  return { rerendered, failed };
}

async function rerenderOne(row: TRow, settings: TDerivativeSettings, style: string, storage: TMediaStorage): Promise<boolean> {
  const original = await readOriginalBytes(row, storage);
  if (!original) throw new Error('the original is missing from storage');
  const derived = await deriveImages(original, settings.watermark, { cleanThumbnail: settings.cleanThumbnails });
  const thumb: TMediaObject = { area: 'derived', key: createStorageKey(), extension: 'webp' };
  const preview: TMediaObject = { area: 'derived', key: createStorageKey(), extension: 'webp' };
  const written: TMediaObject[] = [];
  try {
    await storage.put(thumb, derived.thumb.bytes);
    written.push(thumb);
    await storage.put(preview, derived.preview.bytes);
    written.push(preview);
    const switched = await db
      .update(imageMedia)
      .set({
        thumbKey: thumb.key,
        thumbWidth: derived.thumb.width,
        thumbHeight: derived.thumb.height,
        previewKey: preview.key,
        previewWidth: derived.preview.width,
        previewHeight: derived.preview.height,
        derivedStyle: style,
      })
      .where(and(eq(imageMedia.imageId, row.imageId), eq(imageMedia.thumbKey, row.thumbKey), eq(imageMedia.previewKey, row.previewKey)))
      .returning({ imageId: imageMedia.imageId });
    if (switched.length === 0) {
      await Promise.allSettled(written.map((object) => storage.delete(object)));
      return false;
    }
    return true;
  } catch (error) {
    await Promise.allSettled(written.map((object) => storage.delete(object)));
    throw error;
  }
}
