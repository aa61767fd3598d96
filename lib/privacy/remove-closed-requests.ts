import 'server-only';
import { and, isNotNull, lt } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import { db } from '@/lib/db/client';
import { retentionRules } from './classification';

const DAY_MS = 86_400_000;

/**
 * Retention 'request-record' (daily job privacy.remove-closed-requests): a request closed longer
 * ago than the period is deleted; an open one is never, whatever its age.
 */
export async function removeClosedRequests(options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionRules['request-record'].days * DAY_MS);
  const removed = await db
    .delete(privacyRequests)
    .where(and(isNotNull(privacyRequests.closedAt), lt(privacyRequests.closedAt, cutoff)))
    .returning({ id: privacyRequests.id });
  return removed.length;
}
