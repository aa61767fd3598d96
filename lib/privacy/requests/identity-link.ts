import 'server-only';
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { createSecretToken, isWellFormedToken, sha256Hex } from '@/lib/auth/secret-tokens';
import { db, type TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { TClientInfo } from '@/lib/http/client-info';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertPrivacyDesk, requestRecipient, requestRowOrNotFound, type TPrivacyRequestRow } from './request-access';
import { privacyRequestWhat } from './request-kinds';

/** A mailed request may sit in a mailbox over a weekend or a holiday. */
export const IDENTITY_LINK_DAYS = 7;

export const VERIFY_PATH = '/privacy/requests/verify';

export const INVALID_IDENTITY_LINK = 'This link cannot be used: it has expired, was used already or is incomplete. If you made a request, write to us again and we will send a new link.';

/**
 * Mails the identity link of a request in the caller's transaction: a new single-use token whose
 * SHA-256 replaces any earlier one (so only the latest link works), valid IDENTITY_LINK_DAYS.
 */
export async function mailIdentityLink(tx: TTransaction, request: TPrivacyRequestRow, now = new Date()): Promise<void> {
  const recipient = await requestRecipient(tx, request);
  if (!recipient) throw new AppError('CONFLICT', 'There is no address to send the link to.');
  const { token, sha256 } = createSecretToken();
  const expiresAt = new Date(now.getTime() + IDENTITY_LINK_DAYS * 86_400_000);
  await tx.update(privacyRequests).set({ tokenSha256: sha256, tokenExpiresAt: expiresAt, updatedAt: now }).where(eq(privacyRequests.id, request.id));
  await queueMail(tx, {
    template: 'privacy-request-identity',
    to: recipient,
    subjectUserId: request.subjectUserId,
    data: { name: recipient.name, what: privacyRequestWhat[request.kind], receivedAt: request.receivedAt, verifyUrl: `${serverEnv().APP_URL}${VERIFY_PATH}/${token}`, expiresAt },
  });
}

/** Staff send the link again (a new one; the old stops working). Only while the identity check is pending. */
export async function resendIdentityLink(actor: TStaffActor, rawId: unknown): Promise<void> {
  assertPrivacyDesk(actor);
  await db.transaction(async (tx) => {
    const request = await requestRowOrNotFound(tx, rawId, { forUpdate: true });
    if (request.state !== 'awaiting_identity') throw new AppError('CONFLICT', 'This request is not waiting for an identity check.');
    await mailIdentityLink(tx, request);
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'privacy.identity-link-sent', subjectUserId: request.subjectUserId, objectType: 'privacy-request', objectId: request.id, clientIp: actor.client.ip });
  });
}

const usableLink = (token: string, now: Date) =>
  and(eq(privacyRequests.tokenSha256, sha256Hex(token)), eq(privacyRequests.state, 'awaiting_identity'), isNotNull(privacyRequests.tokenExpiresAt), gt(privacyRequests.tokenExpiresAt, now));

/** For the page behind the link: whether to show the confirm button. Changes nothing (a mail scanner's GET must not use the link). */
export async function isIdentityLinkUsable(token: string, now = new Date()): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const [row] = await db.select({ id: privacyRequests.id }).from(privacyRequests).where(usableLink(token, now));
  return Boolean(row);
}

/**
 * The person confirms: one guarded UPDATE uses the link (the hash is cleared, so it works once even
 * when two clicks race), records identity_verified_at and opens the request; audited in the same
 * transaction. The deadline still counts from receipt (art. 12(3)).
 */
export async function verifyIdentity(token: string, client: TClientInfo, now = new Date()): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!isWellFormedToken(token)) return { ok: false, message: INVALID_IDENTITY_LINK };
  return db.transaction(async (tx) => {
    const [opened] = await tx
      .update(privacyRequests)
      .set({ state: 'open', identityVerifiedAt: now, tokenSha256: null, tokenExpiresAt: null, updatedAt: now })
      .where(usableLink(token, now))
      .returning({ id: privacyRequests.id, subjectUserId: privacyRequests.subjectUserId });
    if (!opened) return { ok: false, message: INVALID_IDENTITY_LINK } as const;
    await recordAuditEntry(tx, {
      ...(opened.subjectUserId ? { actorKind: 'customer' as const, actorUserId: opened.subjectUserId } : { actorKind: 'system' as const, actorUserId: null }),
      action: 'privacy.identity-verified',
      subjectUserId: opened.subjectUserId,
      objectType: 'privacy-request',
      objectId: opened.id,
      clientIp: client.ip,
    });
    return { ok: true } as const;
  });
}
