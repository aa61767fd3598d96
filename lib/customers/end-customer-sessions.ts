import 'server-only';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { endSessionsOfUser } from '@/lib/auth/sessions/end-sessions';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertStaffMay, customerRowOrNotFound } from './customer-access';

/** Signs a customer out everywhere at once (reason 'ended_by_staff'); audited. Returns how many sessions ended. */
export async function endCustomerSessions(actor: TStaffActor, customerId: unknown): Promise<number> {
  assertStaffMay(actor, 'customers.manage');
  return db.transaction(async (tx) => {
    const user = await customerRowOrNotFound(tx, customerId);
    const ended = await endSessionsOfUser(user.id, 'ended_by_staff', { executor: tx });
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'customer.sessions-ended', subjectUserId: user.id, objectType: 'user', objectId: user.id, clientIp: actor.client.ip });
    return ended;
  });
}
