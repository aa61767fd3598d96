import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { isAdminRole } from '@/lib/staff/accounts/staff-account-rules';
import { listStaffAccounts } from '@/lib/staff/accounts/list-staff-accounts';
import { roleHasPermission, staffRoleLabels, staffRoles } from '@/lib/staff/permissions';
import { requireStaff } from '@/lib/staff/require-staff';
import { inviteStaffAction } from './actions';
import { statusText } from './labels';
import { InviteStaffForm } from './staff-account-forms';

export const metadata: Metadata = { title: 'Staff accounts' };

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

export default async function StaffAccountsPage() {
  const actor = await requireStaff('staff.manage', '/staff/staff-accounts');
  const accounts = await listStaffAccounts(actor);
  const mayManageAdmins = roleHasPermission(actor.role, 'staff.manageAdmins');
  const roles = staffRoles.filter((role) => mayManageAdmins || !isAdminRole(role)).map((role) => ({ value: role, label: staffRoleLabels[role] }));

  return (
    <div className="space-y-10">
      <PageHeader title="Staff accounts">
        Who works in the back office, with which role and sign-in factors.{' '}
        {mayManageAdmins ? 'You can manage every account.' : 'Admin and superadmin accounts are managed by a superadmin.'}
      </PageHeader>

      <section aria-labelledby="accounts-heading" className="space-y-4">
        <h2 id="accounts-heading" className="text-lg font-semibold text-ink">
          Accounts
        </h2>
        {accounts.length === 0 ? (
          <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">There are no staff accounts yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Staff accounts, by name</caption>
              <thead className="border-b border-neutral-300 text-neutral-700">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-4 font-medium">E-mail</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">PIN set</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Authenticator</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Last sign-in</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {accounts.map((account) => (
                  <tr key={account.userId}>
                    <th scope="row" className="py-2 pr-4 font-medium">
                      <Link href={`/staff/staff-accounts/${account.userId}`} className={linkClass}>
                        {account.fullName}
                      </Link>
                      {account.userId === actor.userId ? <span className="font-normal text-neutral-700"> (you)</span> : null}
                    </th>
                    <td className="py-2 pr-4 break-all">{account.email}</td>
                    <td className="py-2 pr-4">{staffRoleLabels[account.role]}</td>
                    <td className="py-2 pr-4">{statusText(account)}</td>
                    <td className="py-2 pr-4">{yesNo(account.hasPin)}</td>
                    <td className="py-2 pr-4">{account.totpEnrolled ? 'Enrolled' : 'Not enrolled'}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">{account.lastLoginAt ? <Timestamp value={account.lastLoginAt} /> : 'Never'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="invite-heading" className="max-w-4xl space-y-4 rounded-lg border border-neutral-200 p-4">
        <h2 id="invite-heading" className="text-lg font-semibold text-ink">
          Invite a staff member
        </h2>
        <p className="text-sm text-neutral-700">
          We e-mail them a link, valid for 24 hours, to choose their password. They set up their PIN and, if their role needs one, an authenticator app at their first sign-in.
        </p>
        <InviteStaffForm action={inviteStaffAction} roles={roles} />
      </section>
    </div>
  );
}
