import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { imageMedia, images } from '@/db/schema';
import { db } from '@/lib/db/client';
import { mediaStorage, type TMediaStorage } from './storage';
import { logLine } from '@/lib/log/log-line';

export const DERIVATIVE_KINDS = ['thumb', 'preview'] as const;
export type TDerivativeKind = (typeof DERIVATIVE_KINDS)[number];

export type TDerivative = {
  stream: ReadableStream<Uint8Array>;
  contentType: 'image/webp';
  size: number;
  /** A strong ETag (quoted). Derivatives are never rewritten in place, so the storage key identifies the bytes. */
  etag: string;
};

/**
 * The thumbnail or preview of a published image, or null when the id names no image, the image is
 * not published, or the file is missing. Only derivative keys are ever looked up, so no id can reach
 * an original. The stream opens the file on first read; a caller that answers 304 may simply cancel it.
 */
export async function readDerivative(
  imageId: number,
  kind: TDerivativeKind,
  options: { storage?: TMediaStorage } = {},
): Promise<TDerivative | null> {
  if (!Number.isSafeInteger(imageId) || imageId <= 0 || !DERIVATIVE_KINDS.includes(kind)) return null;
  const [row] = await db
    .select({ key: kind === 'thumb' ? imageMedia.thumbKey : imageMedia.previewKey })
    .from(imageMedia)
    .innerJoin(images, eq(images.id, imageMedia.imageId))
    .where(and(eq(imageMedia.imageId, imageId), eq(images.published, true)));
  if (!row) return null;

  const stored = await (options.storage ?? mediaStorage()).read({ area: 'derived', key: row.key, extension: 'webp' });
  if (!stored) {
    logLine('error', 'media', `the ${kind} of image ${imageId} is missing from storage`);
    return null;
  }
  return { stream: stored.stream, contentType: 'image/webp', size: stored.size, etag: etagFor(kind, row.key) };
}

/** Derived from the key without revealing it. */
const etagFor = (kind: TDerivativeKind, key: string) =>
  `"${createHash('sha256').update(`${kind}:${key}`).digest('base64url').slice(0, 27)}"`;
