import 'server-only';
import { sql } from 'drizzle-orm';
import { db, type TExecutor } from '@/lib/db/client';
import { retentionDays } from '@/lib/privacy/retention-periods';

/**
 * The retention job of the audit trail: removes entries older than its retention period (privacy.retentionDays, read at each run) through
 * audit_trail_remove_before(), the one path the table's trigger lets a DELETE through (migration
 * 0005). The chain stays verifiable from the first remaining entry.
 */
export async function removeExpiredAuditEntries(options: { now?: Date; executor?: TExecutor } = {}): Promise<{ removed: number }> {
  const executor = options.executor ?? db;
  const cutoff = new Date((options.now ?? new Date()).getTime() - (await retentionDays('audit-retention', executor)) * 86_400_000);
  const result = await executor.execute<{ removed: string }>(
    sql`select audit_trail_remove_before(${cutoff.toISOString()}::timestamptz) as removed`,
  );
  return { removed: Number(result.rows[0]?.removed ?? 0) };
}
