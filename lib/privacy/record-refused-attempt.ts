import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { dataExports, privacyRequests } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';

/** The audit action of every refused attempt at a person's export or erasure (security checklist 40). */
export const ACCESS_REFUSED_ACTION = 'privacy.access-refused';

export type TRefusedAttempt = {
  /** Who tried: a signed-in customer or staff member, or the system for someone holding only a link. */
  actorKind: 'customer' | 'staff' | 'system';
  actorUserId: string | null;
  /** What was tried, by name: an action name ('privacy.erase-request') or a route ('privacy.subject-export-download'). */
  attempted: string;
  /** The object named in the attempt, as given; an id that is no uuid names nothing and is left out. */
  requestId?: unknown;
  exportId?: unknown;
  clientIp?: string | null;
};

const ZId = z.uuid();

/**
 * Records a refused attempt at a person's data-subject rights in the audit trail, in its own
 * transaction (the refused use case changed nothing, so there is no transaction to join). The
 * entry names the person the attempt was about when the request or export named exists, so the
 * attempt shows on that person's request. A failure to record is logged, never turned into a
 * different answer: the caller refuses all the same.
 *
 * Anonymous attempts (a guest, a link that matches nothing) are not written to the trail: they are
 * in the access log and the application log, and a trail anyone could append to without signing in
 * would be a way to flood it.
 */
export async function recordRefusedAttempt(attempt: TRefusedAttempt): Promise<void> {
  if (attempt.actorKind !== 'system' && !attempt.actorUserId) return;
  try {
    const requestId = ZId.safeParse(attempt.requestId).data ?? null;
    const exportId = ZId.safeParse(attempt.exportId).data ?? null;
    await db.transaction(async (tx) => {
      let subjectUserId: string | null = null;
      if (requestId) {
        const [row] = await tx.select({ subjectUserId: privacyRequests.subjectUserId }).from(privacyRequests).where(eq(privacyRequests.id, requestId));
        if (row) subjectUserId = row.subjectUserId;
      } else if (exportId) {
        const [row] = await tx.select({ subjectUserId: dataExports.subjectUserId }).from(dataExports).where(eq(dataExports.id, exportId));
        if (row) subjectUserId = row.subjectUserId;
      }
      await recordAuditEntry(tx, {
        actorKind: attempt.actorKind,
        actorUserId: attempt.actorKind === 'system' ? null : attempt.actorUserId,
        action: ACCESS_REFUSED_ACTION,
        subjectUserId,
        objectType: requestId ? 'privacy-request' : exportId ? 'data-export' : null,
        objectId: requestId ?? exportId,
        clientIp: attempt.clientIp ?? null,
        attempted: attempt.attempted,
      });
    });
  } catch (error) {
    logLine('error', 'privacy', `a refused attempt (${attempt.attempted}) could not be audited (${errorSummary(error)})`);
  }
}
