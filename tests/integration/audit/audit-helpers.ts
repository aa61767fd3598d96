import { randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { auditTrail } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';

/** Appends one staff entry in a transaction of its own and returns its id. */
export async function appendEntry(action = 'test.entry-recorded'): Promise<number> {
  await db.transaction((tx) =>
    recordAuditEntry(tx, { actorKind: 'staff', actorUserId: randomUUID(), action, subjectUserId: randomUUID(), clientIp: '203.0.113.9', changedFields: ['city'] }),
  );
  const [last] = await db.select({ id: auditTrail.id }).from(auditTrail).orderBy(desc(auditTrail.id)).limit(1);
  return last!.id;
}

/**
 * Changes a row behind the trigger's back, as someone with the table owner's rights could, runs
 * `check`, and puts the old value back (the trail is shared by the run's other test files).
 */
export async function withTamperedAction<T>(id: number, check: () => Promise<T>): Promise<T> {
  const [row] = await db.select({ action: auditTrail.action }).from(auditTrail).where(sql`${auditTrail.id} = ${id}`);
  const rewrite = async (action: string) => {
    await db.execute(sql`alter table audit_trail disable trigger audit_trail_append_only`);
    try {
      await db.execute(sql`update audit_trail set action = ${action} where id = ${id}`);
    } finally {
      await db.execute(sql`alter table audit_trail enable trigger audit_trail_append_only`);
    }
  };
  await rewrite('test.something-else');
  try {
    return await check();
  } finally {
    await rewrite(row!.action);
  }
}

export async function entryCount(): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(auditTrail);
  return row!.count;
}
