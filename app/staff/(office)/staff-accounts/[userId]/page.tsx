import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { AppError } from '@/lib/errors';
import { getStaffAccount } from '@/lib/staff/accounts/list-staff-accounts';
import { isAdminRole } from '@/lib/staff/accounts/staff-account-rules';
import { roleHasPermission, staffRoleLabels, staffRoles } from '@/lib/staff/permissions';
import { requireStaff } from '@/lib/staff/require-staff';
import { changeStaffRoleAction, endStaffMemberSessionsAction, lockStaffAction, resetStaffAuthenticatorAction, resetStaffPinAction, unlockStaffAction } from '../actions';
import { statusText } from '../labels';
import { AccountActionForm, ChangeRoleForm } from '../staff-account-forms';

export const metadata: Metadata = { title: 'Staff account' };

type TProps = { params: Promise<{ userId: string }> };

export default async function StaffAccountPage({ params }: TProps) {
  const { userId } = await params;
  const actor = await requireStaff('staff.manage', '/staff/staff-accounts/[userId]');
  const account = await getStaffAccount(actor, userId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const mayManageAdmins = roleHasPermission(actor.role, 'staff.manageAdmins');
  const roles = staffRoles.filter((role) => mayManageAdmins || !isAdminRole(role)).map((role) => ({ value: role, label: staffRoleLabels[role] }));
  const self = account.userId === actor.userId;

  return (
    <div className="max-w-3xl space-y-8">
      <p>
        <Link href="/staff/staff-accounts" className={`${linkClass} text-sm`}>
          All staff accounts
        </Link>
      </p>
      <PageHeader title={account.fullName}>{account.email}</PageHeader>

      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <Fact label="Role">{staffRoleLabels[account.role]}</Fact>
        <Fact label="Status">{statusText(account)}</Fact>
        <Fact label="Last sign-in">{account.lastLoginAt ? <Timestamp value={account.lastLoginAt} /> : 'Never'}</Fact>
        <Fact label="PIN set">{account.hasPin ? 'Yes' : 'No: chosen at the next sign-in'}</Fact>
        <Fact label="Authenticator">{account.totpEnrolled ? 'Enrolled' : 'Not enrolled'}</Fact>
      </dl>

      {!account.manageable ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">Only a superadmin may change admin and superadmin accounts.</p>
      ) : (
        <>
          <section aria-labelledby="role-heading" className="space-y-3">
            <h2 id="role-heading" className="text-lg font-semibold text-ink">
              Role
            </h2>
            <ChangeRoleForm action={changeStaffRoleAction} userId={account.userId} currentRole={account.role} roles={roles} />
          </section>

          <section aria-labelledby="actions-heading" className="space-y-3">
            <h2 id="actions-heading" className="text-lg font-semibold text-ink">
              Access and sign-in factors
            </h2>
            {self ? (
              <p className="text-sm text-neutral-700">
                This is your own account: change your PIN, recovery codes or authenticator on{' '}
                <Link href="/staff/security" className={linkClass}>
                  My security
                </Link>
                , where your password is asked for.
              </p>
            ) : (
              <div className="grid gap-4 sm:grid-cols-2">
                {account.status === 'disabled' ? (
                  <AccountActionForm action={unlockStaffAction} userId={account.userId} label="Unlock the account" pendingLabel="Unlocking…" description="The member can sign in again with their password and factors." />
                ) : account.status === 'active' ? (
                  <AccountActionForm action={lockStaffAction} userId={account.userId} label="Lock the account" pendingLabel="Locking…" variant="danger" description="The member cannot sign in, and every session of theirs ends at once." />
                ) : null}
                <AccountActionForm action={endStaffMemberSessionsAction} userId={account.userId} label="End sessions" pendingLabel="Ending…" description="Signs the member out everywhere; they can sign in again." />
                <AccountActionForm action={resetStaffPinAction} userId={account.userId} label="Reset PIN" pendingLabel="Resetting…" variant="danger" description="The member chooses a new PIN at the next sign-in. They and the security address are told by e-mail." />
                <AccountActionForm
                  action={resetStaffAuthenticatorAction}
                  userId={account.userId}
                  label="Reset authenticator"
                  pendingLabel="Resetting…"
                  variant="danger"
                  description="Removes the authenticator app and recovery codes; the member sets them up again at the next sign-in. They and the security address are told by e-mail."
                />
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-neutral-700">{label}</dt>
      <dd className="mt-0.5 font-medium text-ink">{children}</dd>
    </div>
  );
}
