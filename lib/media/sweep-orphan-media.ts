import 'server-only';
import { inArray, or } from 'drizzle-orm';
import { imageMedia } from '@/db/schema';
import { db } from '@/lib/db/client';
import { removeUnreferencedObjects } from './remove-unreferenced-objects';
import { IMAGE_AREAS, mediaStorage, type TMediaStorage } from './storage';

/** Older than this, a file no row refers to cannot belong to an ingest still under way. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Ingest writes files before its transaction and deletes them when it fails; only a process that dies
 * in between leaves files behind that no `image_media` row refers to. This removes such files, and
 * half-written ones, once they are a day old (scheduled daily).
 */
export async function sweepOrphanMedia(options: { storage?: TMediaStorage; now?: Date } = {}): Promise<{ removed: number; interrupted: number }> {
  const storage = options.storage ?? mediaStorage();
  const cutoff = new Date((options.now ?? new Date()).getTime() - ORPHAN_GRACE_MS);
  let removed = 0;
  for (const area of IMAGE_AREAS) removed += await removeUnreferencedObjects(storage, area, cutoff, referencedMediaKeys);
  const interrupted = await storage.removeInterruptedWrites(cutoff);
  return { removed, interrupted };
}

async function referencedMediaKeys(keys: string[]): Promise<Set<string | null>> {
  const rows = await db
    .select({ originalKey: imageMedia.originalKey, thumbKey: imageMedia.thumbKey, previewKey: imageMedia.previewKey })
    .from(imageMedia)
    .where(or(inArray(imageMedia.originalKey, keys), inArray(imageMedia.thumbKey, keys), inArray(imageMedia.previewKey, keys)));
  return new Set(rows.flatMap((row) => [row.originalKey, row.thumbKey, row.previewKey]));
}
