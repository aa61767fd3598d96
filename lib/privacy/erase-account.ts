import 'server-only';
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';
import { queueMail } from '@/lib/mail/send-mail';
import { eraseSubject } from './erase-subject';
import { appendTombstone } from './erasure-tombstones';
import { findUnpaidInvoices } from './find-unpaid-invoices';
import { previewErasure } from './preview-erasure';
import { unpaidInvoicesError } from './request-erasure';

export type TEraseAccountOutcome = 'erased' | 'not-due' | 'failed';

type TEraseOptions = {
  now?: Date;
  /**
   * A privacy officer erasing from the desk (lib/privacy/requests/erase-from-desk.ts, which checks
   * who may): the request may also be open (a mailed request whose identity was confirmed) or
   * failed (a retry), and the act is audited as theirs.
   */
  staffUserId?: string;
  clientIp?: string | null;
};

/** The states a staff member may erase from; the job only erases cooling-off requests whose time has come. */
export const STAFF_ERASABLE_STATES = ['open', 'failed'] as const;

/**
 * Carries out one erasure request in cooling-off whose time has come: in one transaction the receipt
 * is written to the outbox (addressed before the address goes; sealed, and its row deleted once
 * delivered), the person is erased through the map, the request closed and the act audited. The
 * tombstone line is written after the commit. A failure rolls everything back and is written on the
 * request (state failed, the error, the attempt count), where staff can retry it; the account stays locked.
 */
export async function eraseAccount(requestId: string, options: TEraseOptions = {}): Promise<TEraseAccountOutcome> {
  const now = options.now ?? new Date();
  let erasedSubject: string | null = null;
  const due = and(eq(privacyRequests.state, 'cooling_off'), lte(privacyRequests.eraseAfter, now));
  const erasable = options.staffUserId ? or(due, inArray(privacyRequests.state, [...STAFF_ERASABLE_STATES])) : due;
  try {
    erasedSubject = await db.transaction(async (tx) => {
      const [request] = await tx
        .select({ subjectUserId: privacyRequests.subjectUserId })
        .from(privacyRequests)
        .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.kind, 'erasure'), erasable))
        .for('update');
      if (!request) return null;
      const subjectUserId = request.subjectUserId;
      if (!subjectUserId) throw new AppError('CONFLICT', 'The request names no account to erase.');
      const unpaid = await findUnpaidInvoices(tx, subjectUserId, now);
      if (unpaid.length > 0) throw unpaidInvoicesError(unpaid);

      const [person] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(eq(users.id, subjectUserId));
      if (!person) throw new AppError('CONFLICT', 'The account no longer exists.');
      const receipt = await previewErasure(subjectUserId, { executor: tx });
      await eraseSubject(tx, subjectUserId, { now });
      await queueMail(tx, {
        template: 'erasure-receipt',
        to: { address: person.email, name: person.fullName },
        subjectUserId,
        data: { name: person.fullName, erasedAt: now, erased: receipt.erased, kept: receipt.kept, privacyUrl: `${serverEnv().APP_URL}/privacy` },
      });
      await tx
        .update(privacyRequests)
        .set({ state: 'completed', closedAt: now, outcome: 'The account was erased; a receipt was sent to its address.', lastError: null, tokenSha256: null, tokenExpiresAt: null, handledByUserId: options.staffUserId ?? null, updatedAt: now })
        .where(eq(privacyRequests.id, requestId));
      await recordAuditEntry(tx, {
        actorKind: options.staffUserId ? 'staff' : 'system',
        actorUserId: options.staffUserId ?? null,
        action: 'privacy.subject-erased',
        subjectUserId,
        objectType: 'privacy-request',
        objectId: requestId,
        clientIp: options.clientIp ?? null,
      });
      return subjectUserId;
    });
  } catch (error) {
    const message = error instanceof AppError ? error.userMessage : `The erasure stopped and changed nothing: ${errorSummary(error)}`;
    logLine('error', 'privacy', `erasure request ${requestId} failed (${errorSummary(error)})`);
    await db
      .update(privacyRequests)
      .set({ state: 'failed', lastError: message.slice(0, 1000), attempts: sql`${privacyRequests.attempts} + 1`, updatedAt: new Date() })
      .where(and(eq(privacyRequests.id, requestId), options.staffUserId ? inArray(privacyRequests.state, ['cooling_off', ...STAFF_ERASABLE_STATES]) : eq(privacyRequests.state, 'cooling_off')));
    return 'failed';
  }
  if (!erasedSubject) return 'not-due';
  await appendTombstone(erasedSubject, now).catch((error: unknown) => {
    // The table has it; replayErasures copies table lines missing from the file.
    logLine('error', 'privacy', `the tombstone of an erasure could not be written to the file (${errorSummary(error)})`);
  });
  return 'erased';
}

/** Job privacy.run-due-erasures: every erasure whose cooling-off has ended, one transaction each. */
export async function runDueErasures(now = new Date()): Promise<Record<TEraseAccountOutcome, number>> {
  const due = await db
    .select({ id: privacyRequests.id })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.kind, 'erasure'), eq(privacyRequests.state, 'cooling_off'), lte(privacyRequests.eraseAfter, now)));
  const outcomes: Record<TEraseAccountOutcome, number> = { erased: 0, 'not-due': 0, failed: 0 };
  for (const request of due) outcomes[await eraseAccount(request.id, { now })] += 1;
  return outcomes;
}
