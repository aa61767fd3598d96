import 'server-only';
import type { TListedObject, TMediaArea, TMediaStorage } from './storage';

const KEYS_PER_QUERY = 500;

/**
 * Deletes the objects of an area written before `cutoff` whose keys no row refers to. Keys are looked
 * up in batches (`referencedKeys` answers which of a batch are still in use), so the area is walked
 * once and no query grows with the number of files. Returns how many objects went.
 */
export async function removeUnreferencedObjects(
  storage: TMediaStorage,
  area: TMediaArea,
  cutoff: Date,
  referencedKeys: (keys: string[]) => Promise<Set<string | null>>,
): Promise<number> {
  let removed = 0;
  let batch: TListedObject[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const referenced = await referencedKeys(batch.map(({ object }) => object.key));
    for (const { object } of batch) {
      if (referenced.has(object.key)) continue;
      await storage.delete(object);
      removed++;
    }
    batch = [];
  };
  for await (const listed of storage.list(area)) {
    if (listed.writtenAt >= cutoff) continue;
    batch.push(listed);
    if (batch.length === KEYS_PER_QUERY) await flush();
  }
  await flush();
  return removed;
}
