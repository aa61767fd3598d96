import 'server-only';
import { and, inArray, lte } from 'drizzle-orm';
import { dataExports } from '@/db/schema';
import { db } from '@/lib/db/client';
import { removeUnreferencedObjects } from '@/lib/media/remove-unreferenced-objects';
import { mediaStorage, type TMediaStorage } from '@/lib/media/storage';
import { dataExportObject } from './data-export-object';

/** Older than this, a file no row refers to cannot belong to an export job still under way. */
export const ORPHAN_EXPORT_GRACE_MS = 24 * 60 * 60 * 1000;
const KEYS_PER_QUERY = 500;

/**
 * Retention 'data-export' (daily job privacy.remove-expired-exports): every export whose expiry
 * has passed, ready, pending or failed, loses its encrypted file and then its row. Files no row
 * refers to (an export erased with its account, a job that died after writing) go too, once a day old.
 */
export async function removeExpiredExports(options: { storage?: TMediaStorage; now?: Date } = {}): Promise<{ removed: number; orphans: number }> {
  const storage = options.storage ?? mediaStorage();
  const now = options.now ?? new Date();
  const expired = await db.select({ id: dataExports.id, storageKey: dataExports.storageKey }).from(dataExports).where(lte(dataExports.expiresAt, now));
  for (const row of expired) {
    if (row.storageKey) await storage.delete(dataExportObject(row.storageKey));
  }
  let removed = 0;
  for (let start = 0; start < expired.length; start += KEYS_PER_QUERY) {
    const ids = expired.slice(start, start + KEYS_PER_QUERY).map((row) => row.id);
    removed += (await db.delete(dataExports).where(and(inArray(dataExports.id, ids), lte(dataExports.expiresAt, now))).returning({ id: dataExports.id })).length;
  }

  const cutoff = new Date(now.getTime() - ORPHAN_EXPORT_GRACE_MS);
  const orphans = await removeUnreferencedObjects(storage, 'exports', cutoff, referencedExportKeys);
  return { removed, orphans };
}

async function referencedExportKeys(keys: string[]): Promise<Set<string | null>> {
  const rows = await db.select({ storageKey: dataExports.storageKey }).from(dataExports).where(inArray(dataExports.storageKey, keys));
  return new Set(rows.map((row) => row.storageKey));
}
