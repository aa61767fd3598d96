import 'server-only';
import { eq } from 'drizzle-orm';
import { privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { eraseAccount, STAFF_ERASABLE_STATES } from '../erase-account';
import { findUnpaidInvoices } from '../find-unpaid-invoices';
import { previewErasure, type TErasurePreview } from '../preview-erasure';
import { recordRefusedAttempt } from '../record-refused-attempt';
import { assertPrivacyDesk, assertPrivacyDeskAudited, requestRowOrNotFound, type TPrivacyRequestRow } from './request-access';
import { CLOSED_STATES } from './request-kinds';

/** The action name a desk erasure (first try or retry) is audited under when refused. */
export const ERASE_FROM_DESK = 'privacy.erase-request';

export const NO_ACCOUNT_TO_ERASE =
  'This request is not about an account: the desk erases only accounts. Look for the person’s data by hand (mails, notes), delete what you find, then close the request saying what was done.';

/** What the erasure part of a request's page shows. */
export type TDeskErasure =
  | { kind: 'no-account' }
  | { kind: 'erased' }
  | { kind: 'waiting'; why: 'identity' | 'confirmation' | 'cooling-off'; eraseAfter: Date | null }
  | { kind: 'ready'; preview: TErasurePreview; unpaidInvoices: string[]; failed: { error: string | null; attempts: number } | null };

type TStartable = Pick<TPrivacyRequestRow, 'state' | 'identityVerifiedAt'>;
const isStartable = (request: TStartable) => (STAFF_ERASABLE_STATES as readonly string[]).includes(request.state) && request.identityVerifiedAt !== null;

const unpaidError = (numbers: string[]) =>
  new AppError(
    'CONFLICT',
    `The account cannot be erased while ${numbers.length === 1 ? 'an invoice is' : 'invoices are'} unpaid: ${numbers.join(', ')}. Ask the person to pay, or wait until ${numbers.length === 1 ? 'it is' : 'they are'} settled; nothing was changed.`,
  );

/**
 * The erasure part of an erasure request's page: for an account whose identity is confirmed, the
 * same preview of what is erased and kept as "Delete my account" shows, the unpaid invoices that
 * block it, and the last failure; otherwise why it cannot be erased (yet). Null for other kinds and
 * for closed requests.
 */
export async function getDeskErasure(actor: TStaffActor, request: TPrivacyRequestRow, now = new Date()): Promise<TDeskErasure | null> {
  assertPrivacyDesk(actor);
  if (request.kind !== 'erasure' || CLOSED_STATES.includes(request.state)) return null;
  if (!request.subjectUserId) return { kind: 'no-account' };
  const [account] = await db.select({ erasedAt: users.erasedAt }).from(users).where(eq(users.id, request.subjectUserId));
  if (!account || account.erasedAt) return { kind: 'erased' };
  if (!isStartable(request)) {
    const why = request.state === 'cooling_off' ? 'cooling-off' : request.state === 'awaiting_confirmation' ? 'confirmation' : 'identity';
    return { kind: 'waiting', why, eraseAfter: request.eraseAfter };
  }
  const [preview, unpaidInvoices] = await Promise.all([previewErasure(request.subjectUserId), findUnpaidInvoices(db, request.subjectUserId, now)]);
  return { kind: 'ready', preview, unpaidInvoices, failed: request.state === 'failed' ? { error: request.lastError, attempts: request.attempts } : null };
}

/**
 * "Erase now" (and "Retry erasure") on the desk, for a person who asked by mail (or whose own
 * erasure failed): a privacy officer erases the account the request is about, through the same
 * eraseAccount as the job, so it is the same one transaction: receipt to the address before the
 * address goes, the person erased through the map, tombstone, request completed, audited as this
 * staff member. A failure part-way rolls all of it back and is written on the request (state
 * failed, the error, the attempt count), where "Retry erasure" runs it again.
 *
 * It runs in the request, not through the job: the officer sees the outcome on the page at once,
 * and one subject's erasure is a single transaction meant to take seconds at most (the target of
 * bench/privacy is under 5 s for a subject with 100,000 activity rows), short enough to wait for.
 *
 * No cooling-off here: the cooling-off of "Delete my account" protects a person from a hasty click,
 * or from someone else at their signed-in browser, between pressing a button and the erasure. A
 * request by mail is a deliberate written request, whose sender then proved control of the
 * account's mailbox through the identity link (identityVerifiedAt), and art. 17(1) asks for erasure
 * "without undue delay"; the privacy policy says that a mailed erasure is carried out once
 * confirmed through the link, with no waiting period (any cooling-off belongs to My Account).
 *
 * Refused while an invoice is unpaid (naming them) and for a request not about an account.
 */
export async function eraseFromDesk(actor: TStaffActor, rawId: unknown, now = new Date()): Promise<{ outcome: 'erased' } | { outcome: 'failed'; error: string }> {
  await assertPrivacyDeskAudited(actor, ERASE_FROM_DESK, rawId);
  const request = await requestRowOrNotFound(db, rawId);
  if (request.kind !== 'erasure') throw new AppError('CONFLICT', 'Only an erasure request erases an account.');
  if (!request.subjectUserId) throw new AppError('CONFLICT', NO_ACCOUNT_TO_ERASE);
  if (CLOSED_STATES.includes(request.state)) {
    // A second press, a replayed form or another tab: the request is done; nothing happens, and the attempt is on the record.
    await recordRefusedAttempt({ actorKind: 'staff', actorUserId: actor.userId, attempted: ERASE_FROM_DESK, requestId: request.id, clientIp: actor.client.ip });
    throw new AppError('CONFLICT', 'This request is closed; nothing was changed.');
  }
  if (!isStartable(request)) {
    throw new AppError(
      'CONFLICT',
      request.state === 'cooling_off'
        ? 'The person confirmed this deletion in My Account and can still cancel it: it runs by itself when the cooling-off ends.'
        : 'The person has not confirmed the request through the link yet; the account cannot be erased before.',
    );
  }
  const unpaid = await findUnpaidInvoices(db, request.subjectUserId, now);
  if (unpaid.length > 0) throw unpaidError(unpaid);

  const outcome = await eraseAccount(request.id, { now, staffUserId: actor.userId, clientIp: actor.client.ip });
  if (outcome === 'erased') return { outcome };
  const [after] = await db.select({ state: privacyRequests.state, lastError: privacyRequests.lastError }).from(privacyRequests).where(eq(privacyRequests.id, request.id));
  if (outcome === 'not-due' || after?.state !== 'failed') throw new AppError('CONFLICT', 'The request changed while you were looking at it; reload the page.');
  await db.transaction((tx) =>
    recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'privacy.erasure-failed',
      subjectUserId: request.subjectUserId,
      objectType: 'privacy-request',
      objectId: request.id,
      clientIp: actor.client.ip,
    }),
  );
  return { outcome: 'failed', error: after.lastError ?? 'The erasure stopped and changed nothing.' };
}
