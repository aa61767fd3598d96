import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '../require-staff';
import { assertNotLastSuperadmin, assertNotSelf, loadManagedStaffAccount, lockStaffChanges, ZStaffUserId } from './staff-account-rules';

/**
 * Locks a staff account: status 'disabled' and every session ended in the same transaction, so its
 * next request, in any browser, finds the session ended. Not oneself, not the last active
 * superadmin. Only an active account can be locked (an invitation not yet accepted expires by itself).
 */
export async function lockStaffAccount(actor: TStaffActor, rawUserId: unknown): Promise<{ sessionsEnded: number }> {
  const userId = ZStaffUserId.parse(rawUserId);
  return db.transaction(async (tx) => {
    await lockStaffChanges(tx);
    const account = await loadManagedStaffAccount(tx, actor, userId);
    assertNotSelf(actor, account, 'You cannot lock your own account.');
    if (account.status !== 'active') throw new AppError('CONFLICT', account.status === 'disabled' ? 'This account is locked already.' : 'This invitation has not been accepted yet: it expires by itself after 24 hours.');
    await assertNotLastSuperadmin(tx, account);
    await tx.update(users).set({ status: 'disabled', updatedAt: new Date() }).where(eq(users.id, account.userId));
    const sessionsEnded = await endSessionsOfUser(account.userId, 'account_disabled', { executor: tx });
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'staff.locked',
      subjectUserId: account.userId,
      objectType: 'user',
      objectId: account.userId,
      clientIp: actor.client.ip,
      role: account.role,
    });
    return { sessionsEnded };
  });
}

/** Unlocks a locked staff account; it signs in again with its password and factors as they were. */
export async function unlockStaffAccount(actor: TStaffActor, rawUserId: unknown): Promise<void> {
  const userId = ZStaffUserId.parse(rawUserId);
  await db.transaction(async (tx) => {
    await lockStaffChanges(tx);
    const account = await loadManagedStaffAccount(tx, actor, userId);
    if (account.status !== 'disabled') throw new AppError('CONFLICT', 'This account is not locked.');
    await tx.update(users).set({ status: 'active', updatedAt: new Date() }).where(eq(users.id, account.userId));
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'staff.unlocked',
      subjectUserId: account.userId,
      objectType: 'user',
      objectId: account.userId,
      clientIp: actor.client.ip,
      role: account.role,
    });
  });
}
