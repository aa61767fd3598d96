import 'server-only';
import { z } from 'zod';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { queueMail } from '@/lib/mail/send-mail';
import { regenerateRecoveryCodes } from '../factors/recovery-codes';
import { hasTotp } from '../factors/totp';
import type { TStaffActor } from '../require-staff';
import { confirmOwnPassword } from './confirm-own-password';

const ZCurrentPassword = z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024);

export const ZRecoveryCodesConfirmation = z.object({ passwordForCodes: ZCurrentPassword });

/**
 * Ten new recovery codes for one's own account (My security), replacing all earlier ones; the
 * password first. Returned once to be shown; only their keyed hashes are stored.
 */
export async function regenerateOwnRecoveryCodes(actor: TStaffActor, form: unknown): Promise<string[]> {
  const { passwordForCodes } = ZRecoveryCodesConfirmation.parse(form);
  await confirmOwnPassword(actor, passwordForCodes, 'passwordForCodes');
  // Recovery codes stand in for the authenticator: without one they would be a second password.
  if (!(await hasTotp(actor.userId))) throw new AppError('CONFLICT', 'You have no authenticator set up, so recovery codes are not needed.');
  return db.transaction(async (tx) => {
    const codes = await regenerateRecoveryCodes(tx, actor.userId);
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'staff.own-recovery-codes-regenerated', subjectUserId: actor.userId, objectType: 'user', objectId: actor.userId, clientIp: actor.client.ip });
    await queueMail(tx, {
      template: 'staff-factors-changed',
      to: { address: actor.email, name: actor.fullName },
      subjectUserId: actor.userId,
      data: { name: actor.fullName, change: 'own-recovery-codes-regenerated', changedAt: new Date(), signInUrl: `${serverEnv().APP_URL}/staff/login` },
    });
    return codes;
  });
}
