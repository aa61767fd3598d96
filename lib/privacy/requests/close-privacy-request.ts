import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { privacyRequests } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertPrivacyDeskAudited, privacyPolicyUrl, requestRecipient, requestRowOrNotFound } from './request-access';
import { privacyRequestWhat } from './request-kinds';

export const ZClosing = z.object({
  result: z.enum(['completed', 'refused'], { error: 'Choose whether the request was answered or refused.' }),
  outcome: z
    .string({ error: 'Say what was done, or why it was refused; it is mailed to the person.' })
    .trim()
    .min(10, 'Say in a sentence what was done, or why it was refused; it is mailed to the person.')
    .max(4000, 'Keep it under 4,000 characters.'),
});

/**
 * Closes a request as completed or refused, with the outcome mailed to the person (art. 12(3) and
 * (4)) in the same transaction. Completing needs a confirmed identity (state open); a request whose
 * identity was never confirmed can only be refused. An erasure is completed by the erasure process,
 * never by hand here, so the desk cannot report an erasure that did not happen.
 */
export async function closePrivacyRequest(actor: TStaffActor, rawId: unknown, form: unknown, now = new Date()): Promise<{ state: 'completed' | 'refused' }> {
  await assertPrivacyDeskAudited(actor, 'privacy.close-request', rawId);
  const { result, outcome } = ZClosing.parse(form);
  return db.transaction(async (tx) => {
    const request = await requestRowOrNotFound(tx, rawId, { forUpdate: true });
    const allowedFrom = result === 'completed' ? ['open'] : ['open', 'awaiting_identity', 'failed'];
    if (!allowedFrom.includes(request.state)) {
      throw new AppError(
        'CONFLICT',
        request.state === 'awaiting_identity' ? 'The person has not confirmed the request yet: it can only be refused (for example when the identity cannot be checked).' : 'This request cannot be closed in its present state.',
      );
    }
    if (result === 'completed' && request.kind === 'erasure') {
      throw new AppError('CONFLICT', 'An erasure is completed by the erasure itself, not by hand: the desk does not mark it done.');
    }
    const recipient = await requestRecipient(tx, request);
    await tx
      .update(privacyRequests)
      .set({ state: result, outcome, closedAt: now, handledByUserId: actor.userId, tokenSha256: null, tokenExpiresAt: null, updatedAt: now })
      .where(eq(privacyRequests.id, request.id));
    if (recipient) {
      await queueMail(tx, {
        template: 'privacy-request-closed',
        to: recipient,
        subjectUserId: request.subjectUserId,
        data: { name: recipient.name, what: privacyRequestWhat[request.kind], receivedAt: request.receivedAt, refused: result === 'refused', outcome, privacyPolicyUrl: privacyPolicyUrl() },
      });
    }
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: result === 'completed' ? 'privacy.request-completed' : 'privacy.request-refused',
      subjectUserId: request.subjectUserId,
      objectType: 'privacy-request',
      objectId: request.id,
      changedFields: ['state', 'outcome'],
      clientIp: actor.client.ip,
    });
    return { state: result };
  });
}
