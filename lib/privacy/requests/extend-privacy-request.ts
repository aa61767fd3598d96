import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { privacyRequests } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { extendedDueDate } from './due-dates';
import { assertPrivacyDeskAudited, privacyPolicyUrl, requestRecipient, requestRowOrNotFound } from './request-access';
import { CLOSED_STATES, privacyRequestWhat } from './request-kinds';

export const ZExtension = z.object({
  months: z.enum(['1', '2'], { error: 'Choose one or two more months.' }).transform(Number),
  reason: z
    .string({ error: 'Give the reason; it is mailed to the person.' })
    .trim()
    .min(10, 'Give the reason in a sentence; it is mailed to the person.')
    .max(2000, 'Keep the reason under 2,000 characters.'),
});

/**
 * Extends the deadline once by one or two months (art. 12(3): "by two further months where
 * necessary"), counted from receipt. The person must be told within the first month, so an
 * overdue request cannot be extended; the reason is mailed to them in the same transaction.
 */
export async function extendPrivacyRequest(actor: TStaffActor, rawId: unknown, form: unknown, now = new Date()): Promise<{ dueAt: Date }> {
  await assertPrivacyDeskAudited(actor, 'privacy.extend-request', rawId);
  const { months, reason } = ZExtension.parse(form);
  return db.transaction(async (tx) => {
    const request = await requestRowOrNotFound(tx, rawId, { forUpdate: true });
    if (CLOSED_STATES.includes(request.state)) throw new AppError('CONFLICT', 'This request is closed.');
    if (request.extendedAt) throw new AppError('CONFLICT', 'The deadline was extended already; it can be extended only once, by at most two months in all.');
    if (request.dueAt.getTime() < now.getTime()) {
      throw new AppError('CONFLICT', 'The deadline has passed: an extension must be told to the person within the first month. Answer the request as soon as you can.');
    }
    const recipient = await requestRecipient(tx, request);
    if (!recipient) throw new AppError('CONFLICT', 'There is no address to tell the person of the extension.');
    const dueAt = extendedDueDate(request.receivedAt, months);
    await tx.update(privacyRequests).set({ dueAt, extendedAt: now, extensionReason: reason, handledByUserId: actor.userId, reminderSentAt: null, updatedAt: now }).where(eq(privacyRequests.id, request.id));
    await queueMail(tx, {
      template: 'privacy-request-extended',
      to: recipient,
      subjectUserId: request.subjectUserId,
      data: { name: recipient.name, what: privacyRequestWhat[request.kind], receivedAt: request.receivedAt, dueAt, reason, privacyPolicyUrl: privacyPolicyUrl() },
    });
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'privacy.request-extended',
      subjectUserId: request.subjectUserId,
      objectType: 'privacy-request',
      objectId: request.id,
      changedFields: ['dueAt', 'extensionReason'],
      clientIp: actor.client.ip,
    });
    return { dueAt };
  });
}
