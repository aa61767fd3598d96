import 'server-only';
import { and, inArray, lte } from 'drizzle-orm';
import { downloadBundles } from '@/db/schema';
import { db } from '@/lib/db/client';
import { removeUnreferencedObjects } from '@/lib/media/remove-unreferenced-objects';
import { mediaStorage, type TMediaStorage } from '@/lib/media/storage';
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
  const orphans = await removeUnreferencedObjects(storage, 'bundles', cutoff, referencedBundleKeys);
  return { removed, orphans };
}

async function referencedBundleKeys(keys: string[]): Promise<Set<string | null>> {
  const rows = await db.select({ storageKey: downloadBundles.storageKey }).from(downloadBundles).where(inArray(downloadBundles.storageKey, keys));
  return new Set(rows.map((row) => row.storageKey));
}
