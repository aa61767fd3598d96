import 'server-only';
import { inArray, or } from 'drizzle-orm';
import { imageMedia } from '@/db/schema';
import { db } from '@/lib/db/client';
import { IMAGE_AREAS, mediaStorage, type TListedObject, type TMediaStorage } from './storage';

/** Older than this, a file no row refers to cannot belong to an ingest still under way. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
const KEYS_PER_QUERY = 500;

/**
 * Ingest writes files before its transaction and deletes them when it fails; only a process that dies
 * in between leaves files behind that no `image_media` row refers to. This removes such files, and
 * half-written ones, once they are a day old (scheduled daily).
 */
export async function sweepOrphanMedia(options: { storage?: TMediaStorage; now?: Date } = {}): Promise<{ removed: number; interrupted: number }> {
  const storage = options.storage ?? mediaStorage();
  const cutoff = new Date((options.now ?? new Date()).getTime() - ORPHAN_GRACE_MS);
  let removed = 0;
  for (const area of IMAGE_AREAS) {
    let batch: TListedObject[] = [];
    for await (const listed of storage.list(area)) {
      if (listed.writtenAt >= cutoff) continue;
      batch.push(listed);
      if (batch.length === KEYS_PER_QUERY) {
        removed += await removeUnreferenced(storage, batch);
        batch = [];
      }
    }
    removed += await removeUnreferenced(storage, batch);
  }
  const interrupted = await storage.removeInterruptedWrites(cutoff);
  return { removed, interrupted };
}

async function removeUnreferenced(storage: TMediaStorage, batch: TListedObject[]): Promise<number> {
  if (batch.length === 0) return 0;
  const keys = batch.map(({ object }) => object.key);
  const rows = await db
    .select({ originalKey: imageMedia.originalKey, thumbKey: imageMedia.thumbKey, previewKey: imageMedia.previewKey })
    .from(imageMedia)
    .where(or(inArray(imageMedia.originalKey, keys), inArray(imageMedia.thumbKey, keys), inArray(imageMedia.previewKey, keys)));
  const referenced = new Set(rows.flatMap((row) => [row.originalKey, row.thumbKey, row.previewKey]));
  let removed = 0;
  for (const { object } of batch) {
    if (referenced.has(object.key)) continue;
    await storage.delete(object);
    removed++;
  }
  return removed;
}
