import 'server-only';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { accountTokens, staffFactors, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { roleHasPermission, type TStaffRole } from '../permissions';
import type { TStaffActor } from '../require-staff';
import { assertMayManageStaff, isAdminRole, ZStaffUserId } from './staff-account-rules';

export type TStaffAccountRow = {
  userId: string;
  fullName: string;
  email: string;
  role: TStaffRole;
  status: 'pending' | 'active' | 'disabled';
  hasPin: boolean;
  totpEnrolled: boolean;
  lastLoginAt: Date | null;
  /** Pending accounts: whether the invitation link can still be used. */
  invitationOpen: boolean;
  /** Whether the actor's role may change this account (admin accounts need staff.manageAdmins). */
  manageable: boolean;
};

const openInvitation = sql<boolean>`exists (
  select 1 from ${accountTokens}
  where ${accountTokens.userId} = ${users.id} and ${accountTokens.purpose} = 'staff_invitation'
    and ${accountTokens.usedAt} is null and ${accountTokens.expiresAt} > now())`;

function query() {
  return db
    .select({
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
      role: users.staffRole,
      status: users.status,
      hasPin: sql<boolean>`${staffFactors.pinHash} is not null`,
      totpEnrolled: sql<boolean>`${staffFactors.totpSecretSealed} is not null`,
      lastLoginAt: users.lastLoginAt,
      invitationOpen: openInvitation,
    })
    .from(users)
    .leftJoin(staffFactors, eq(staffFactors.userId, users.id));
}

const withManageable = (actor: TStaffActor) => (row: Awaited<ReturnType<typeof query>>[number]): TStaffAccountRow => ({
  ...row,
  role: row.role!,
  hasPin: Boolean(row.hasPin),
  totpEnrolled: Boolean(row.totpEnrolled),
  invitationOpen: Boolean(row.invitationOpen),
  manageable: !isAdminRole(row.role) || roleHasPermission(actor.role, 'staff.manageAdmins'),
});

/** Every staff account, by name, for the staff accounts section (staff.manage). */
export async function listStaffAccounts(actor: TStaffActor): Promise<TStaffAccountRow[]> {
  assertMayManageStaff(actor);
  const rows = await query()
    .where(and(eq(users.kind, 'staff'), isNotNull(users.staffRole)))
    .orderBy(asc(users.fullName), asc(users.email));
  return rows.map(withManageable(actor));
}

/** One staff account for its page in the section; 404 for anything else. */
export async function getStaffAccount(actor: TStaffActor, rawUserId: unknown): Promise<TStaffAccountRow> {
  assertMayManageStaff(actor);
  const parsed = ZStaffUserId.safeParse(rawUserId);
  const [row] = parsed.success ? await query().where(and(eq(users.id, parsed.data), eq(users.kind, 'staff'), isNotNull(users.staffRole))) : [];
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that staff account.');
  return withManageable(actor)(row);
}

