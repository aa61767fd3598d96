import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertStaffMay, customerRowOrNotFound } from './customer-access';

/**
 * Locks a customer: status 'disabled' and every open session ended in the same transaction, so
 * the customer's next request (any browser) finds its session ended. Returns the sessions ended.
 */
export async function lockCustomer(actor: TStaffActor, customerId: unknown): Promise<{ endedSessions: number }> {
  assertStaffMay(actor, 'customers.manage');
  return db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId, { forUpdate: true });
    if (user.status === 'disabled') throw new AppError('CONFLICT', 'This customer is locked already.');
    await tx.update(users).set({ status: 'disabled', updatedAt: new Date() }).where(eq(users.id, user.id));
    const endedSessions = await endSessionsOfUser(user.id, 'account_disabled', { executor: tx });
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'customer.locked', subjectUserId: user.id, objectType: 'user', objectId: user.id, changedFields: ['status'], clientIp: actor.client.ip });
    return { endedSessions };
  });
}

/**
 * Unlocks a customer. An account that was never activated goes back to 'pending' (unlocking must
 * not skip the activation link that proves the address).
 */
export async function unlockCustomer(actor: TStaffActor, customerId: unknown): Promise<{ status: 'active' | 'pending' }> {
  assertStaffMay(actor, 'customers.manage');
  return db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId, { forUpdate: true });
    if (user.status !== 'disabled') throw new AppError('CONFLICT', 'This customer is not locked.');
    const status = user.activatedAt ? 'active' : 'pending';
    await tx.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, user.id));
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'customer.unlocked', subjectUserId: user.id, objectType: 'user', objectId: user.id, changedFields: ['status'], clientIp: actor.client.ip });
    return { status };
  });
}
