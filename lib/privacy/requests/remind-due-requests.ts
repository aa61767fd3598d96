import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { queueMail } from '@/lib/mail/send-mail';
import { getSetting } from '@/lib/settings/get-setting';
import { rolePermissions, staffRoles } from '@/lib/staff/permissions';
import { deskUrl, requestReference } from './request-access';
import { privacyRequestKindLabels } from './request-kinds';

const DAY_MS = 86_400_000;

/** The roles that handle requests, read from the permissions (privacy officer and superadmin today). */
export const deskRoles = () => staffRoles.filter((role) => rolePermissions[role].includes('privacy.requests'));

/**
 * The daily reminder (queue privacy.remind-due-requests). A request still open is due a reminder
 * when it comes within privacy.reminderDays of its deadline and was not reminded since then, and
 * once more when the deadline has passed and it was not reminded since. Each active staff member
 * of a desk role gets one mail listing them (references, kinds and dates; no names). The requests
 * are marked with reminder_sent_at in the transaction that queues the mails, rows locked with SKIP
 * LOCKED: a second run, or two workers at once, remind nobody twice.
 */
export async function remindDueRequests(now = new Date()): Promise<{ reminded: number; officers: number }> {
  const days = await getSetting('privacy.reminderDays');
  const soon = new Date(now.getTime() + days * DAY_MS);
  return db.transaction(async (tx) => {
    const dueSoonSince = sql`${privacyRequests.dueAt} - make_interval(days => ${days})`;
    const due = await tx
      .select({ id: privacyRequests.id, kind: privacyRequests.kind, dueAt: privacyRequests.dueAt })
      .from(privacyRequests)
      .where(
        and(
          isNull(privacyRequests.closedAt),
          sql`${privacyRequests.dueAt} <= ${soon}`,
          sql`(${privacyRequests.reminderSentAt} is null
            or (${privacyRequests.dueAt} < ${now} and ${privacyRequests.reminderSentAt} < ${privacyRequests.dueAt})
            or (${privacyRequests.dueAt} >= ${now} and ${privacyRequests.reminderSentAt} < ${dueSoonSince}))`,
        ),
      )
      .orderBy(asc(privacyRequests.dueAt))
      .limit(200)
      .for('update', { skipLocked: true });
    if (due.length === 0) return { reminded: 0, officers: 0 };
    const officers = await tx
      .select({ id: users.id, email: users.email, fullName: users.fullName })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active'), inArray(users.staffRole, deskRoles())));
    await tx.update(privacyRequests).set({ reminderSentAt: now }).where(inArray(privacyRequests.id, due.map((request) => request.id)));
    const requests = due.map((request) => ({ reference: requestReference(request.id), kind: privacyRequestKindLabels[request.kind], dueAt: request.dueAt, overdue: request.dueAt < now }));
    for (const officer of officers) {
      await queueMail(tx, { template: 'privacy-requests-due', to: { address: officer.email, name: officer.fullName }, data: { name: officer.fullName, requests, deskUrl: deskUrl() } });
    }
    for (const request of due) {
      await recordAuditEntry(tx, { actorKind: 'system', actorUserId: null, action: 'privacy.reminder-sent', objectType: 'privacy-request', objectId: request.id });
    }
    return { reminded: due.length, officers: officers.length };
  });
}
