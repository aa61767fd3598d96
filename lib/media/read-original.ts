import 'server-only';
import { IMAGE_FORMATS } from './detect-image-format';
import { mediaStorage, type TMediaObject, type TMediaStorage } from './storage';

/** The storage object of an original, from its image_media row (key and MIME type); null for an unknown type. */
export function originalObject(row: { originalKey: string; originalMime: string }): TMediaObject | null {
  const format = Object.values(IMAGE_FORMATS).find((candidate) => candidate.mime === row.originalMime);
  return format ? { area: 'originals', key: row.originalKey, extension: format.extension } : null;
}

/**
 * The bytes of an original, for server-side rendering only (re-rendered derivatives, licensed
 * downloads); no route ever serves them as they are. Null when the file is missing.
 */
export async function readOriginalBytes(
  row: { originalKey: string; originalMime: string },
  storage: TMediaStorage = mediaStorage(),
): Promise<Buffer | null> {
  const object = originalObject(row);
  if (!object) return null;
  const stored = await storage.read(object);
  if (!stored) return null;
  return Buffer.from(await new Response(stored.stream).arrayBuffer());
}
