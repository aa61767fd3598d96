import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { accessLog, ipBlocks } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { retentionDays } from '@/lib/privacy/retention-periods';

/**
 * The retention job of the access log (rule 'access-log', 6 months unless privacy.retentionDays says otherwise): deletes attempts older than
 * that, and blocks that ended (lifted, or ran out) longer ago. A block in force, or one for good
 * that was never lifted, stays however old it is.
 */
export async function purgeAccessLog(options: { now?: Date; executor?: TExecutor } = {}): Promise<{ accessLog: number; ipBlocks: number }> {
  const executor = options.executor ?? db;
  const cutoff = new Date((options.now ?? new Date()).getTime() - (await retentionDays('access-log', executor)) * 86_400_000);
  const attempts = await executor.delete(accessLog).where(lt(accessLog.occurredAt, cutoff));
  // least() skips nulls: a block ends at whichever came first of its lifting and its end.
  const blocks = await executor
    .delete(ipBlocks)
    .where(sql`least(${ipBlocks.liftedAt}, ${ipBlocks.blockedUntil}) < ${cutoff.toISOString()}::timestamptz`);
  return { accessLog: attempts.rowCount ?? 0, ipBlocks: blocks.rowCount ?? 0 };
}
