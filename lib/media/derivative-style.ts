import 'server-only';
import { createHash } from 'node:crypto';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import type { TWatermark } from './watermark-overlay';

/** What decides how a thumbnail and a preview look: the watermark, and whether thumbnails go without it. */
export type TDerivativeSettings = { watermark: TWatermark; cleanThumbnails: boolean };

/** The settings derivatives are rendered with now (media.watermark, media.cleanThumbnails). */
export async function currentDerivativeSettings(executor?: TExecutor): Promise<TDerivativeSettings> {
  const [watermark, cleanThumbnails] = await Promise.all([getSetting('media.watermark', executor), getSetting('media.cleanThumbnails', executor)]);
  return { watermark, cleanThumbnails };
}

/**
 * A short fingerprint of the settings, stored with each image's derivatives (image_media.derived_style):
 * a row whose fingerprint differs from the current one was rendered under other settings and is
 * re-rendered. Fields are listed explicitly, so the key order of the stored JSON does not matter.
 */
export function derivativeStyle(settings: TDerivativeSettings): string {
  const { text, position, opacity } = settings.watermark;
  return createHash('sha256')
    .update(JSON.stringify([text, position, opacity, settings.cleanThumbnails]))
    .digest('base64url')
    .slice(0, 22);
}
