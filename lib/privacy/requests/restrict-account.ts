import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { customerRowOrNotFound } from '@/lib/customers/customer-access';
import { db, type TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertPrivacyDesk, privacyPolicyUrl, requestRowOrNotFound } from './request-access';

export type TRestrictionChange = { customerId: string; restricted: boolean };

/**
 * The account whose restriction is changed: a customer id from the customer page, or the subject
 * of an open restriction request (whose identity was confirmed) from the desk.
 */
async function targetAccount(tx: TTransaction, target: { customerId: unknown } | { requestId: unknown }) {
  if ('customerId' in target) return { user: await customerRowOrNotFound(tx, target.customerId, { forUpdate: true }), requestId: null };
  const request = await requestRowOrNotFound(tx, target.requestId);
  if (request.kind !== 'restriction' || !request.subjectUserId) throw new AppError('CONFLICT', 'Only a restriction request about an account can restrict it.');
  if (request.state !== 'open') throw new AppError('CONFLICT', 'The person has not confirmed this request yet, or it is closed.');
  return { user: await customerRowOrNotFound(tx, request.subjectUserId, { forUpdate: true }), requestId: request.id };
}

/**
 * Restricts (art. 18) or lifts the restriction of a customer account: the marker and who set it,
 * the person told (the notice itself, and art. 18(3): before the restriction is lifted), and an
 * audit entry (on the request too, when made from one), in one transaction. While restricted the
 * account is kept and may sign in, but it is not mailed (lib/mail/restricted-mail.ts) and its
 * orders are not processed (lib/orders/change-order-status.ts).
 */
export async function setAccountRestriction(actor: TStaffActor, target: { customerId: unknown } | { requestId: unknown }, restricted: boolean, now = new Date()): Promise<TRestrictionChange> {
  assertPrivacyDesk(actor);
  return db.transaction(async (tx) => {
    const { user, requestId } = await targetAccount(tx, target);
    if (user.erasedAt) throw new AppError('CONFLICT', 'This account was erased.');
    if (restricted === Boolean(user.restrictedAt)) throw new AppError('CONFLICT', restricted ? 'This account is restricted already.' : 'This account is not restricted.');
    await tx
      .update(users)
      .set(restricted ? { restrictedAt: now, restrictedByUserId: actor.userId, updatedAt: now } : { restrictedAt: null, restrictedByUserId: null, updatedAt: now })
      .where(eq(users.id, user.id));
    await queueMail(tx, { template: 'privacy-restriction', to: { address: user.email, name: user.fullName }, subjectUserId: user.id, data: { name: user.fullName, lifted: !restricted, privacyPolicyUrl: privacyPolicyUrl() } });
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: restricted ? 'privacy.account-restricted' : 'privacy.restriction-lifted',
      subjectUserId: user.id,
      ...(requestId ? { objectType: 'privacy-request', objectId: requestId } : { objectType: 'user', objectId: user.id }),
      changedFields: ['restrictedAt'],
      clientIp: actor.client.ip,
    });
    return { customerId: user.id, restricted };
  });
}
