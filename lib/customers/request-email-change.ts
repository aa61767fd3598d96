import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { issueAccountToken } from '@/lib/accounts/account-tokens';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { hitThrottle } from '@/lib/throttle/hit-throttle';
import { throttleRules } from '@/lib/throttle/rules';
import { assertStaffMay, customerRowOrNotFound } from './customer-access';

export const ZEmailChangeForm = z.object({
  newEmail: z.string({ error: 'Enter the new e-mail address.' }).trim().max(254, 'That address is too long.').pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
});

export const EMAIL_TAKEN = 'Another account already signs in with this address.';

/**
 * Starts a login e-mail change for a customer: a single-use link (24 hours, account_tokens
 * purpose 'email_change' with the new address) mailed to the NEW address, and a notice to the
 * OLD one. Nothing changes until the link is opened (confirm-email-change.ts), which proves the
 * new address is the customer's. A newer request retires an older unused link. One transaction
 * with the audit entry (the field name only, never the addresses).
 */
export async function requestCustomerEmailChange(actor: TStaffActor, customerId: unknown, form: unknown): Promise<{ newEmail: string }> {
  assertStaffMay(actor, 'customers.manage');
  const { newEmail } = ZEmailChangeForm.parse(form);
  return db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId, { forUpdate: true });
    if (user.email.toLowerCase() === newEmail.toLowerCase()) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { newEmail: 'This is already the customer’s sign-in e-mail.' });
    const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(sql`lower(${users.email})`, newEmail.toLowerCase()), ne(users.id, user.id)));
    if (taken) throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { newEmail: EMAIL_TAKEN });
    // Mail goes to an address nobody has proved yet: the per-address link limit keeps it from being used to flood it.
    const limit = await hitThrottle(throttleRules.mailLinksPerEmail, `email_change:${newEmail.toLowerCase()}`, tx);
    if (!limit.allowed) throw new AppError('RATE_LIMITED', `A link was sent to this address just now. Please wait ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
    const token = await issueAccountToken(tx, user.id, 'email_change', { newEmail });
    await queueMail(tx, {
      template: 'email-change-confirm',
      to: { address: newEmail, name: user.fullName },
      subjectUserId: user.id,
      data: { name: user.fullName, newEmail, confirmUrl: `${serverEnv().APP_URL}/confirm-email/${token}` },
    });
    await queueMail(tx, {
      template: 'email-change-requested',
      to: { address: user.email, name: user.fullName },
      subjectUserId: user.id,
      data: { name: user.fullName, newEmail, accountUrl: `${serverEnv().APP_URL}/account` },
    });
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'customer.email-change-requested', subjectUserId: user.id, objectType: 'user', objectId: user.id, changedFields: ['email'], clientIp: actor.client.ip });
    return { newEmail };
  });
}
