import 'server-only';
import { sql } from 'drizzle-orm';
import type { TTransaction } from '@/lib/db/client';

/**
 * The Postgres channel every web process listens on (lib/server/listen-for-catalog-changes.ts): a
 * change guests can see (publish, unpublish, metadata, prices) clears each process's page cache and
 * search counts at once instead of after their 30 and 60 s lifetimes.
 */
export const CATALOG_CHANGED_CHANNEL = 'stockroom_catalog_changed';

/**
 * Announces a catalog change from inside the transaction that makes it. Postgres delivers a
 * NOTIFY only when that transaction commits (and not at all when it rolls back), so no process
 * clears its caches before the change is visible, and several in one transaction arrive as one.
 */
export async function notifyCatalogChanged(tx: TTransaction): Promise<void> {
  await tx.execute(sql`select pg_notify(${CATALOG_CHANGED_CHANNEL}, '')`);
}
