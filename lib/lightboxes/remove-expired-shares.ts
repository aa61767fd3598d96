import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { shares } from '@/db/schema';
import { db } from '@/lib/db/client';
import { retentionDays } from '@/lib/privacy/retention-periods';

/**
 * Retention 'share-link': a share stays in the sender's list while its link works, then 30 days
 * (privacy.retentionDays) as a record of whom they shared with; after that the row (with the recipient's address, a third
 * party's data) is deleted. Daily job 'shares.remove-expired'.
 */
export async function removeExpiredShares(now = new Date()): Promise<{ removed: number }> {
  const cutoff = new Date(now.getTime() - (await retentionDays('share-link')) * 86_400_000);
  const removed = await db
    .delete(shares)
    .where(lt(sql`least(coalesce(${shares.revokedAt}, ${shares.expiresAt}), ${shares.expiresAt})`, cutoff))
    .returning({ id: shares.id });
  return { removed: removed.length };
}
