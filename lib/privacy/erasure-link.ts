import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { privacyRequests, sessions } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { isWellFormedToken, sha256Hex } from '@/lib/auth/secret-tokens';
import { db, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { getSetting } from '@/lib/settings/get-setting';
import { findUnpaidInvoices } from './find-unpaid-invoices';
import { recordRefusedAttempt } from './record-refused-attempt';
import { unpaidInvoicesError } from './request-erasure';

export type TErasureLinkState =
  | { state: 'awaiting_confirmation'; coolingOffDays: number }
  | { state: 'cooling_off'; eraseAfter: Date }
  | { state: 'gone' };

const DAY_MS = 86_400_000;
export const ERASURE_LINK_GONE_MESSAGE =
  'This link no longer works: the deletion was completed or cancelled, or the link expired. Sign in and ask again if you still want your account deleted.';
const gone = () => new AppError('NOT_FOUND', ERASURE_LINK_GONE_MESSAGE);

/** What the mailed link leads to: a deletion to confirm, one to cancel during the cooling-off, or nothing. */
export async function readErasureLink(token: string, now = new Date()): Promise<TErasureLinkState> {
  const request = await findByToken(db, token, now);
  if (!request) return { state: 'gone' };
  if (request.state === 'awaiting_confirmation') return { state: 'awaiting_confirmation', coolingOffDays: await getSetting('privacy.erasureCoolingOffDays') };
  return { state: 'cooling_off', eraseAfter: request.eraseAfter! };
}

/** Who uses a link: the customer signed in in that browser, if any (a link is refused to another account). */
export type TLinkCaller = { signedInUserId: string | null; ip?: string | null };

const ANONYMOUS: TLinkCaller = { signedInUserId: null };

export const ERASURE_LINK_OTHER_ACCOUNT =
  'This link belongs to another account than the one signed in here. Sign out, then open the link again.';

type TLinkRefusal = { refused: 'other-account' | 'used'; requestId: string };

/**
 * The link confirms: the account is locked (its sessions end, sign-in is refused) until the
 * cooling-off period ends and the job erases it; the same link cancels until then. With no
 * cooling-off the job is started at once. Still refused while an invoice is unpaid. Refused, and
 * audited on the request, when another customer is signed in in the browser, or when the link was
 * used to confirm already (a replay): neither changes anything.
 */
export async function confirmErasure(token: string, now = new Date(), caller: TLinkCaller = ANONYMOUS): Promise<{ eraseAfter: Date }> {
  const outcome = await db.transaction(async (tx): Promise<{ eraseAfter: Date } | TLinkRefusal> => {
    const request = await findByToken(tx, token, now, { lock: true });
    if (!request || !request.subjectUserId) throw gone();
    if (caller.signedInUserId && caller.signedInUserId !== request.subjectUserId) return { refused: 'other-account', requestId: request.id };
    if (request.state !== 'awaiting_confirmation') return { refused: 'used', requestId: request.id };
    const subjectUserId = request.subjectUserId;
    const unpaid = await findUnpaidInvoices(tx, subjectUserId, now);
    if (unpaid.length > 0) throw unpaidInvoicesError(unpaid);

    const days = await getSetting('privacy.erasureCoolingOffDays', tx);
    const eraseAfter = new Date(now.getTime() + days * DAY_MS);
    await tx
      .update(privacyRequests)
      // The link keeps working through the cooling-off, to cancel.
      .set({ state: 'cooling_off', confirmedAt: now, identityVerifiedAt: now, eraseAfter, tokenExpiresAt: new Date(eraseAfter.getTime() + DAY_MS), updatedAt: now })
      .where(eq(privacyRequests.id, request.id));
    await tx
      .update(sessions)
      .set({ endedAt: now, endReason: 'account_disabled' })
      .where(and(eq(sessions.userId, subjectUserId), isNull(sessions.endedAt)));
    await recordAuditEntry(tx, { actorKind: 'customer', actorUserId: subjectUserId, action: 'privacy.erasure-confirmed', subjectUserId, objectType: 'privacy-request', objectId: request.id });
    if (days === 0) await enqueueJob(tx, 'privacy.run-due-erasures', {});
    return { eraseAfter };
  });
  if ('refused' in outcome) throw await refuseLink(outcome, caller, 'privacy.confirm-erasure');
  return outcome;
}

/** Audits a refused use of a link that matched a request, and gives the error to answer with. */
async function refuseLink(refusal: TLinkRefusal, caller: TLinkCaller, attempted: string): Promise<AppError> {
  await recordRefusedAttempt({
    ...(caller.signedInUserId ? { actorKind: 'customer' as const, actorUserId: caller.signedInUserId } : { actorKind: 'system' as const, actorUserId: null }),
    attempted,
    requestId: refusal.requestId,
    clientIp: caller.ip ?? null,
  });
  return refusal.refused === 'other-account' ? new AppError('FORBIDDEN', ERASURE_LINK_OTHER_ACCOUNT) : gone();
}

/** The link cancels a deletion not yet carried out: the account works again as before. Refused (and audited) to another signed-in account. */
export async function cancelErasure(token: string, now = new Date(), caller: TLinkCaller = ANONYMOUS): Promise<void> {
  const refusal = await db.transaction(async (tx): Promise<TLinkRefusal | null> => {
    const request = await findByToken(tx, token, now, { lock: true });
    if (!request || !request.subjectUserId) throw gone();
    if (caller.signedInUserId && caller.signedInUserId !== request.subjectUserId) return { refused: 'other-account', requestId: request.id };
    await tx
      .update(privacyRequests)
      .set({ state: 'cancelled', closedAt: now, outcome: 'Cancelled by the person with the link in the confirmation e-mail', tokenSha256: null, tokenExpiresAt: null, eraseAfter: null, updatedAt: now })
      .where(eq(privacyRequests.id, request.id));
    await recordAuditEntry(tx, { actorKind: 'customer', actorUserId: request.subjectUserId, action: 'privacy.erasure-cancelled', subjectUserId: request.subjectUserId, objectType: 'privacy-request', objectId: request.id });
    return null;
  });
  if (refusal) throw await refuseLink(refusal, caller, 'privacy.cancel-erasure');
}

async function findByToken(executor: TTransaction | typeof db, token: string, now: Date, options: { lock?: boolean } = {}) {
  if (!isWellFormedToken(token)) return null;
  const query = executor
    .select({ id: privacyRequests.id, state: privacyRequests.state, subjectUserId: privacyRequests.subjectUserId, eraseAfter: privacyRequests.eraseAfter })
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.tokenSha256, sha256Hex(token)),
        eq(privacyRequests.kind, 'erasure'),
        sql`${privacyRequests.state} in ('awaiting_confirmation', 'cooling_off')`,
        gt(privacyRequests.tokenExpiresAt, now),
      ),
    );
  const [request] = options.lock ? await query.for('update') : await query;
  return request ?? null;
}

/** Whether the account is locked by a confirmed deletion, in its cooling-off or failed and waiting for a retry (sign-in refuses it). */
export async function isErasurePending(subjectUserId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: privacyRequests.id })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.subjectUserId, subjectUserId), eq(privacyRequests.kind, 'erasure'), inArray(privacyRequests.state, ['cooling_off', 'failed'])))
    .limit(1);
  return row !== undefined;
}
