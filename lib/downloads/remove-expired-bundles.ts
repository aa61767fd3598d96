import 'server-only';
import { and, inArray, lte } from 'drizzle-orm';
import { downloadBundles } from '@/db/schema';
import { db } from '@/lib/db/client';
import { mediaStorage, type TListedObject, type TMediaStorage } from '@/lib/media/storage';
import { bundleObject } from './bundle-object';

/** Older than this, a ZIP no row refers to cannot belong to a bundle job still under way. */
export const ORPHAN_BUNDLE_GRACE_MS = 24 * 60 * 60 * 1000;
const KEYS_PER_QUERY = 500;

/**
 * Retention 'download-bundle' (daily job downloads.remove-expired-bundles): every bundle whose
 * expiry has passed, ready, pending or failed, loses its ZIP and then its row. ZIPs that no row
 * refers to (a bundle erased with its account, a job that died after writing) go too, once a day
 * old. Download records (licence_downloads) are kept: they are the proof of delivery.
 */
export async function removeExpiredBundles(options: { storage?: TMediaStorage; now?: Date } = {}): Promise<{ removed: number; orphans: number }> {
  const storage = options.storage ?? mediaStorage();
  const now = options.now ?? new Date();
  const expired = await db.select({ id: downloadBundles.id, storageKey: downloadBundles.storageKey }).from(downloadBundles).where(lte(downloadBundles.expiresAt, now));
  for (const bundle of expired) {
    if (bundle.storageKey) await storage.delete(bundleObject(bundle.storageKey));
  }
  let removed = 0;
  for (let start = 0; start < expired.length; start += KEYS_PER_QUERY) {
    const ids = expired.slice(start, start + KEYS_PER_QUERY).map((bundle) => bundle.id);
    removed += (await db.delete(downloadBundles).where(and(inArray(downloadBundles.id, ids), lte(downloadBundles.expiresAt, now))).returning({ id: downloadBundles.id })).length;
  }

  const cutoff = new Date(now.getTime() - ORPHAN_BUNDLE_GRACE_MS);
  let orphans = 0;
  let batch: TListedObject[] = [];
  for await (const listed of storage.list('bundles')) {
    if (listed.writtenAt >= cutoff) continue;
    batch.push(listed);
    if (batch.length === KEYS_PER_QUERY) {
      orphans += await removeUnreferenced(storage, batch);
      batch = [];
    }
  }
  orphans += await removeUnreferenced(storage, batch);
  return { removed, orphans };
}

async function removeUnreferenced(storage: TMediaStorage, batch: TListedObject[]): Promise<number> {
  if (batch.length === 0) return 0;
  const rows = await db
    .select({ storageKey: downloadBundles.storageKey })
    .from(downloadBundles)
    .where(inArray(downloadBundles.storageKey, batch.map(({ object }) => object.key)));
  const referenced = new Set(rows.map((row) => row.storageKey));
  let removed = 0;
  for (const { object } of batch) {
    if (referenced.has(object.key)) continue;
    await storage.delete(object);
    removed++;
  }
  return removed;
}
