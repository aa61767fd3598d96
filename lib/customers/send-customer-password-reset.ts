import 'server-only';
import { queueAccountLinkMail } from '@/lib/accounts/send-account-link';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { hitThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { assertStaffMay, customerRowOrNotFound } from './customer-access';

/**
 * Mails the customer a password-reset link, the same link and message as the public "forgot
 * password" form (queueAccountLinkMail), counted against the same per-address limit so staff
 * and strangers together cannot flood a mailbox. Link, mail and audit entry commit together.
 */
export async function sendCustomerPasswordReset(actor: TStaffActor, customerId: unknown): Promise<void> {
  assertStaffMay(actor, 'customers.manage');
  await db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId);
    if (user.status !== 'active') {
      throw new AppError('CONFLICT', user.status === 'disabled' ? 'This customer is locked: unlock the account before sending a reset link.' : 'This account is not activated yet, so a reset link would not work.');
    }
    const limit = await hitThrottle(throttleRules.mailLinksPerEmail, `password_reset:${user.email.toLowerCase()}`, tx);
    if (!limit.allowed) throw new AppError('RATE_LIMITED', `A reset link was sent just now. Please wait ${Math.ceil(limit.retryAfterSeconds / 60)} minutes before sending another.`);
    await queueAccountLinkMail(tx, 'password_reset', user);
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'customer.password-reset-sent', subjectUserId: user.id, objectType: 'user', objectId: user.id, clientIp: actor.client.ip });
  });
}
