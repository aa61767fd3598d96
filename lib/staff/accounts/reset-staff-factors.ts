import 'server-only';
import { eq } from 'drizzle-orm';
import { staffFactors, staffRecoveryCodes } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db, type TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { queueMail } from '@/lib/mail/send-mail';
import { queueSecurityMail } from '@/lib/security/security-mail';
import { removeTotp } from '../factors/totp';
import type { TStaffActor } from '../require-staff';
import { assertNotLastSuperadmin, assertNotSelf, loadManagedStaffAccount, lockStaffChanges, ZStaffUserId, type TManagedStaffAccount } from './staff-account-rules';

type TFactor = 'pin' | 'authenticator';

const FACTS: Record<TFactor, { change: string; audit: string; mail: 'pin-reset' | 'authenticator-reset' }> = {
  pin: { change: 'PIN reset', audit: 'staff.pin-reset', mail: 'pin-reset' },
  authenticator: { change: 'Authenticator and recovery codes reset', audit: 'staff.authenticator-reset', mail: 'authenticator-reset' },
};

/**
 * Forgets a staff member's PIN: they choose a new one at their next sign-in. Their sessions end
 * now (the guard would refuse them without a PIN anyway), they are told by mail and the site's
 * security address gets a 'factors-reset' message.
 */
export function resetStaffPin(actor: TStaffActor, rawUserId: unknown): Promise<void> {
  return resetFactor(actor, rawUserId, 'pin', async (tx, userId) => {
    await tx.update(staffFactors).set({ pinHash: null, pinChangedAt: null, updatedAt: new Date() }).where(eq(staffFactors.userId, userId));
  });
}

/**
 * Removes a staff member's authenticator secret and recovery codes: they enrol again (and get new
 * codes) at their next sign-in. Sessions end, the member and the security address are told.
 */
export function resetStaffAuthenticator(actor: TStaffActor, rawUserId: unknown): Promise<void> {
  return resetFactor(actor, rawUserId, 'authenticator', async (tx, userId) => {
    await removeTotp(tx, userId);
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
  });
}

async function resetFactor(actor: TStaffActor, rawUserId: unknown, factor: TFactor, reset: (tx: TTransaction, userId: string) => Promise<void>): Promise<void> {
  const userId = ZStaffUserId.parse(rawUserId);
  await db.transaction(async (tx) => {
    await lockStaffChanges(tx);
    const account = await loadManagedStaffAccount(tx, actor, userId);
    // Without the password check My security asks for, a reset of one's own factors would bypass it.
    assertNotSelf(actor, account, 'Reset your own PIN or authenticator on the My security page.');
    await assertNotLastSuperadmin(tx, account);
    await reset(tx, account.userId);
    await endSessionsOfUser(account.userId, 'ended_by_staff', { executor: tx });
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: FACTS[factor].audit,
      subjectUserId: account.userId,
      objectType: 'user',
      objectId: account.userId,
      clientIp: actor.client.ip,
    });
    await tellAboutReset(tx, actor, account, factor);
  });
}

async function tellAboutReset(tx: TTransaction, actor: TStaffActor, account: TManagedStaffAccount, factor: TFactor) {
  const changedAt = new Date();
  await queueMail(tx, {
    template: 'staff-factors-changed',
    to: { address: account.email, name: account.fullName },
    subjectUserId: account.userId,
    data: { name: account.fullName, change: FACTS[factor].mail, changedAt, signInUrl: `${serverEnv().APP_URL}/staff/login` },
  });
  await queueSecurityMail(tx, {
    kind: 'factors-reset',
    // One message per account and factor within the cooldown: repeated resets do not flood the mailbox.
    cooldownKey: `${account.userId}:${factor}`,
    subjectUserId: account.userId,
    facts: { account: account.email, change: FACTS[factor].change, changedBy: actor.email },
  });
}
