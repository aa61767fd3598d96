import 'server-only';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import { mailOutbox } from '@/db/schema';
import { db } from '@/lib/db/client';
import { retentionRules } from '@/lib/privacy/classification';

const RETENTION_DAYS = retentionRules['mail-until-delivered'].days;

/**
 * Retention rule 'mail-until-delivered': a delivery record is kept 30 days after sending; a failed
 * message (its content already wiped) 30 days after it was queued. A message still pending after
 * 30 days is deleted too: its delivery job has expired with it (queue retention, lib/jobs/queues.ts).
 */
export async function purgeMailOutbox(options: { now?: Date } = {}): Promise<{ deleted: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const deleted = await db
    .delete(mailOutbox)
    .where(
      or(
        and(eq(mailOutbox.status, 'sent'), lt(mailOutbox.sentAt, cutoff)),
        and(ne(mailOutbox.status, 'sent'), lt(mailOutbox.createdAt, cutoff)),
      ),
    )
    .returning({ id: mailOutbox.id });
  return { deleted: deleted.length };
}
