import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission, type TStaffRole } from '../permissions';
import type { TStaffActor } from '../require-staff';

/** Roles only a role with 'staff.manageAdmins' may give, or whose accounts only it may change. */
const ADMIN_ROLES: readonly TStaffRole[] = ['superadmin', 'admin'];

export const isAdminRole = (role: TStaffRole | null) => role !== null && ADMIN_ROLES.includes(role);

const NO_PERMISSION = 'You do not have permission to do this.';

export const ZStaffUserId = z.uuid('Choose a staff account.');

/** Refuses unless the actor's role may manage staff accounts at all (checked again inside lib, not only by the action). */
export function assertMayManageStaff(actor: TStaffActor): void {
  if (!roleHasPermission(actor.role, 'staff.manage')) throw new AppError('FORBIDDEN', NO_PERMISSION);
}

/** Admin and superadmin accounts, and giving those roles, are for roles with 'staff.manageAdmins' only. */
export function assertMayHandleRole(actor: TStaffActor, role: TStaffRole | null): void {
  if (isAdminRole(role) && !roleHasPermission(actor.role, 'staff.manageAdmins')) {
    throw new AppError('FORBIDDEN', 'Only a superadmin may invite, change, lock or reset admin and superadmin accounts, or give those roles.');
  }
}

/**
 * Every change to staff accounts takes this transaction-level lock first, so they happen one at a
 * time: two superadmins demoting or locking each other at once cannot both see "another
 * superadmin is left". One lock taken before any row (rather than FOR UPDATE on each account
 * touched) cannot deadlock however the requests interleave. Staff changes are rare; waiting is fine.
 */
export async function lockStaffChanges(tx: TTransaction): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff-account-changes'))`);
}

export type TManagedStaffAccount = { userId: string; email: string; fullName: string; role: TStaffRole; status: 'pending' | 'active' | 'disabled' };

/**
 * The staff account `userId` as the actor may change it, read inside the locked transaction:
 * 404 for anything that is not a staff account, refused for admin accounts unless the actor may
 * manage admins.
 */
export async function loadManagedStaffAccount(tx: TTransaction, actor: TStaffActor, userId: string): Promise<TManagedStaffAccount> {
  assertMayManageStaff(actor);
  const [row] = await tx
    .select({ userId: users.id, email: users.email, fullName: users.fullName, role: users.staffRole, status: users.status, kind: users.kind })
    .from(users)
    .where(eq(users.id, ZStaffUserId.parse(userId)));
  if (!row || row.kind !== 'staff' || !row.role) throw new AppError('NOT_FOUND', 'We could not find that staff account.');
  assertMayHandleRole(actor, row.role);
  return { userId: row.userId, email: row.email, fullName: row.fullName, role: row.role, status: row.status };
}

/**
 * Refuses a change that would leave no active superadmin: lowering, locking or resetting the last
 * one. Call it after lockStaffChanges, so the count cannot change before the commit.
 */
export async function assertNotLastSuperadmin(tx: TTransaction, account: TManagedStaffAccount): Promise<void> {
  if (account.role !== 'superadmin' || account.status !== 'active') return;
  const [others] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.kind, 'staff'), eq(users.staffRole, 'superadmin'), eq(users.status, 'active'), ne(users.id, account.userId)));
  if ((others?.n ?? 0) === 0) {
    throw new AppError('CONFLICT', 'This is the last active superadmin: make another account superadmin first.');
  }
}

/** Actions on one's own account go through My security (with the password), never through this section. */
export function assertNotSelf(actor: TStaffActor, account: TManagedStaffAccount, message: string): void {
  if (actor.userId === account.userId) throw new AppError('FORBIDDEN', message);
}
