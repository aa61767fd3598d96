import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { staffRoles, type TStaffRole } from '../permissions';
import type { TStaffActor } from '../require-staff';
import { assertMayHandleRole, assertNotLastSuperadmin, loadManagedStaffAccount, lockStaffChanges, ZStaffUserId } from './staff-account-rules';

export const ZStaffRoleChange = z.object({ userId: ZStaffUserId, role: z.enum(staffRoles, { error: 'Choose a role.' }) });

/**
 * Gives a staff account another role. It takes effect at that member's next request (the guard
 * reads the role afresh); a role that needs an authenticator sends them to enrol at their next
 * sign-in. Admin roles are given and taken by superadmins only; the last active superadmin keeps
 * the role, also when two superadmins demote each other at the same moment.
 */
export async function changeStaffRole(actor: TStaffActor, form: unknown): Promise<{ role: TStaffRole; changed: boolean }> {
  const { userId, role } = ZStaffRoleChange.parse(form);
  assertMayHandleRole(actor, role);
  return db.transaction(async (tx) => {
    await lockStaffChanges(tx);
    const account = await loadManagedStaffAccount(tx, actor, userId);
    if (account.role === role) return { role, changed: false };
    if (account.role === 'superadmin') await assertNotLastSuperadmin(tx, account);
    await tx.update(users).set({ staffRole: role, updatedAt: new Date() }).where(eq(users.id, account.userId));
    await recordAuditEntry(tx, {
      actorKind: 'staff',
      actorUserId: actor.userId,
      action: 'staff.role-changed',
      subjectUserId: account.userId,
      objectType: 'user',
      objectId: account.userId,
      clientIp: actor.client.ip,
      role,
    });
    return { role, changed: true };
  });
}
