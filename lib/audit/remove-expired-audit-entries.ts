import 'server-only';
import { sql } from 'drizzle-orm';
import { db, type TExecutor } from '@/lib/db/client';
import { retentionRules } from '@/lib/privacy/classification';

const AUDIT_RETENTION_DAYS = retentionRules['audit-retention'].days;

/**
 * The retention job of the audit trail: removes entries older than its retention period through
 * audit_trail_remove_before(), the one path the table's trigger lets a DELETE through (migration
 * 0005). The chain stays verifiable from the first remaining entry.
 */
export async function removeExpiredAuditEntries(options: { now?: Date; executor?: TExecutor } = {}): Promise<{ removed: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - AUDIT_RETENTION_DAYS * 86_400_000);
  const result = await (options.executor ?? db).execute<{ removed: string }>(
    sql`select audit_trail_remove_before(${cutoff.toISOString()}::timestamptz) as removed`,
  );
  return { removed: Number(result.rows[0]?.removed ?? 0) };
}
