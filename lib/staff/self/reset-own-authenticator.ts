import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { staffRecoveryCodes } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { queueSecurityMail } from '@/lib/security/security-mail';
import { hasTotp, removeTotp } from '../factors/totp';
import type { TStaffActor } from '../require-staff';
import { confirmOwnPassword } from './confirm-own-password';

export const ZAuthenticatorResetConfirmation = z.object({
  passwordForReset: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
});

/**
 * Removes one's own authenticator and recovery codes (a new phone), the password first. Every
 * session of the account ends, this one included: the member signs in again and enrols the new
 * app. The member and the security address are told, as for a reset by an administrator.
 */
export async function resetOwnAuthenticator(actor: TStaffActor, form: unknown): Promise<void> {
  const { passwordForReset } = ZAuthenticatorResetConfirmation.parse(form);
  await confirmOwnPassword(actor, passwordForReset, 'passwordForReset');
  if (!(await hasTotp(actor.userId))) throw new AppError('CONFLICT', 'You have no authenticator set up.');
  await db.transaction(async (tx) => {
    await removeTotp(tx, actor.userId);
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, actor.userId));
    await endSessionsOfUser(actor.userId, 'logout', { executor: tx });
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'staff.own-authenticator-reset', subjectUserId: actor.userId, objectType: 'user', objectId: actor.userId, clientIp: actor.client.ip });
    await queueMail(tx, {
      template: 'staff-factors-changed',
      to: { address: actor.email, name: actor.fullName },
      subjectUserId: actor.userId,
      data: { name: actor.fullName, change: 'own-authenticator-reset', changedAt: new Date(), signInUrl: `${serverEnv().APP_URL}/staff/login` },
    });
    await queueSecurityMail(tx, {
      kind: 'factors-reset',
      cooldownKey: `${actor.userId}:authenticator`,
      subjectUserId: actor.userId,
      facts: { account: actor.email, change: 'Authenticator and recovery codes reset by the staff member', changedBy: actor.email },
    });
  });
}
