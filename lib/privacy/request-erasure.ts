import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { privacyRequests, users } from '@/db/schema';
import { confirmCurrentPassword } from '@/lib/accounts/confirm-current-password';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import type { TCustomerActor } from '@/lib/auth/guards';
import { createSecretToken } from '@/lib/auth/secret-tokens';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { getSetting } from '@/lib/settings/get-setting';
import { ERASURE_LINK_HOURS, erasureLinkUrl } from './erasure-request-link';
import { findUnpaidInvoices } from './find-unpaid-invoices';
import { dueDateFor } from './requests/due-dates';

const ZRequestErasure = z.object({ password: z.string().min(1, 'Enter your password.').max(1024) });

/** States in which an erasure request is still under way: a second one is not started beside it. */
export const OPEN_ERASURE_STATES = ['awaiting_confirmation', 'cooling_off', 'failed'] as const;

/**
 * "Delete my account" (art. 17): the password again, then an erasure request on the privacy desk
 * waiting for the link mailed to the login address, which confirms it (lib/privacy/erasure-link-actions.ts).
 * Refused while an invoice is unpaid, naming the invoices. Asking again while a request waits for
 * its link replaces the link (the old one stops working) rather than making a second request.
 */
export async function requestErasure(actor: TCustomerActor, form: Record<string, unknown>, now = new Date()): Promise<{ requestId: string }> {
  const input = ZRequestErasure.parse(form);
  await confirmCurrentPassword(actor, input.password, 'password');
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(eq(users.id, actor.userId)).for('update');
    if (!user) throw new AppError('NOT_FOUND', 'We could not find your account.');
    const unpaid = await findUnpaidInvoices(tx, actor.userId, now);
    if (unpaid.length > 0) throw unpaidInvoicesError(unpaid);

    const [open] = await tx
      .select({ id: privacyRequests.id, state: privacyRequests.state })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.subjectUserId, actor.userId), eq(privacyRequests.kind, 'erasure'), inArray(privacyRequests.state, [...OPEN_ERASURE_STATES])));
    if (open && open.state !== 'awaiting_confirmation') {
      throw new AppError('CONFLICT', 'Your account is already being deleted. The link in the confirmation e-mail cancels it.');
    }

    const link = createSecretToken();
    const linkExpiresAt = new Date(now.getTime() + ERASURE_LINK_HOURS * 3_600_000);
    const values = { tokenSha256: link.sha256, tokenExpiresAt: linkExpiresAt, updatedAt: now };
    const [request] = open
      ? await tx.update(privacyRequests).set(values).where(eq(privacyRequests.id, open.id)).returning({ id: privacyRequests.id })
      : await tx
          .insert(privacyRequests)
          .values({ ...values, kind: 'erasure', state: 'awaiting_confirmation', source: 'self_service', subjectUserId: actor.userId, receivedAt: now, dueAt: dueDateFor(now) })
          .returning({ id: privacyRequests.id });
    const coolingOffDays = await getSetting('privacy.erasureCoolingOffDays', tx);
    await queueMail(tx, {
      template: 'erasure-confirm',
      to: { address: user.email, name: user.fullName },
      subjectUserId: actor.userId,
      data: { name: user.fullName, confirmUrl: erasureLinkUrl(link.token), coolingOffDays, linkExpiresAt },
    });
    await recordAuditEntry(tx, {
      actorKind: 'customer',
      actorUserId: actor.userId,
      action: 'privacy.erasure-requested',
      subjectUserId: actor.userId,
      objectType: 'privacy-request',
      objectId: request!.id,
    });
    return { requestId: request!.id };
  });
}

export const unpaidInvoicesError = (numbers: string[]) =>
  new AppError(
    'CONFLICT',
    `Your account cannot be deleted while ${numbers.length === 1 ? 'an invoice is' : 'invoices are'} unpaid: ${numbers.join(', ')}. Please pay ${numbers.length === 1 ? 'it' : 'them'} first, or contact us.`,
  );
