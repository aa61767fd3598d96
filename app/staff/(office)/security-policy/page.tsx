import type { Metadata } from 'next';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { securityContactEmail } from '@/lib/http/security-txt';
import { trustedProxyRanges } from '@/lib/http/trusted-proxies';
import { listStaffAllowlist, type TAllowlistRow } from '@/lib/security/manage-staff-allowlist';
import { getSetting } from '@/lib/settings/get-setting';
import { roleHasPermission, staffRoleLabels, staffRoles } from '@/lib/staff/permissions';
import { requireStaff } from '@/lib/staff/require-staff';
import { RowActionButton } from '../access-log/security-forms';
import { SettingForm, SettingSection } from '../_components/setting-form';
import { addAllowlistEntryAction, removeAllowlistEntryAction, saveSecurityPolicyAction } from './actions';
import { AddAllowlistEntryForm } from './allowlist-form';

export const metadata: Metadata = { title: 'Security policy' };

const ROLE_OPTIONS = staffRoles.map((role) => ({ value: role, label: staffRoleLabels[role] }));

function appliesTo(entry: TAllowlistRow): string {
  if (entry.scope === 'site') return 'Every staff member';
  if (entry.scope === 'role') return `Role: ${entry.role ? staffRoleLabels[entry.role] : '—'}`;
  return `Account: ${entry.accountEmail ?? 'removed account'}`;
}

export default async function SecurityPolicyPage() {
  const actor = await requireStaff('security.read', '/staff/security-policy');
  const canManage = roleHasPermission(actor.role, 'security.manage');
  const [entries, totpRoles, ipBlock, factorAlert, cooldown, staffIdle, staffHours, contactEmail, effectiveAddress] = await Promise.all([
    listStaffAllowlist(actor),
    getSetting('security.totpRoles'),
    getSetting('security.ipBlock'),
    getSetting('security.factorFailureAlert'),
    getSetting('security.mailCooldownMinutes'),
    getSetting('staff.idleTimeoutMinutes'),
    getSetting('staff.sessionHours'),
    getSetting('security.contactEmail'),
    securityContactEmail(),
  ]);
  const proxies = trustedProxyRanges();
  const readOnly = !canManage;

  return (
    <div className="space-y-8">
      <PageHeader title="Security policy">
        Who may work in the back office from where, how sign-ins are checked, and where security e-mails go. Every change is recorded in the audit trail and reported to the security address.
        {readOnly ? ' You can see the policy; changing it needs the security management permission.' : ''}
      </PageHeader>

      <section aria-labelledby="allowlists" className="space-y-4 rounded-lg border border-neutral-200 p-5">
        <h2 id="allowlists" className="text-lg font-semibold text-ink">
          Staff IP allowlists
        </h2>
        <div className="max-w-3xl space-y-2 text-sm text-neutral-700">
          <p>
            <strong className="font-semibold text-ink">An empty list means no restriction.</strong> There are three kinds of list: site-wide (every staff member), per role and per account. A staff member must
            be inside every list that applies to them and is not empty; from anywhere else, sign-in and every back-office request are refused.
          </p>
          <p>Your address now: {actor.client.ip ? <span className="font-mono">{actor.client.ip}</span> : 'unknown'}. A change that would leave it outside your lists is refused, so you cannot lock yourself out.</p>
        </div>
        {entries.length === 0 ? (
          <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">No entries: staff may work from any address that is not blocked.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Allowlist entries</caption>
              <thead className="border-b border-neutral-300 text-neutral-700">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Applies to</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Address or range</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Label</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Added (UTC)</th>
                  {canManage ? (
                    <th scope="col" className="py-2 pr-4 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="py-2 pr-4">{appliesTo(entry)}</td>
                    <td id={`allow-${entry.id}`} className="py-2 pr-4 font-mono">
                      {entry.network}
                    </td>
                    <td className="py-2 pr-4">{entry.label || '—'}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">
                      <Timestamp value={entry.createdAt} />
                    </td>
                    {canManage ? (
                      <td className="py-2 pr-4">
                        <RowActionButton action={removeAllowlistEntryAction} name="entryId" value={entry.id} label="Remove" describedBy={`allow-${entry.id}`} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canManage ? (
          <div className="rounded-lg border border-neutral-200 p-4">
            <h3 className="mb-3 font-medium text-ink">Add an entry</h3>
            <AddAllowlistEntryForm action={addAllowlistEntryAction} roles={ROLE_OPTIONS} yourAddress={actor.client.ip} />
          </div>
        ) : null}
      </section>

      <SettingSection
        id="authenticator"
        title="Authenticator"
        description={
          totpRoles.length === 0 ? (
            <p role="note" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 font-medium text-ink">
              No role needs an authenticator: staff sign in with a password and a PIN only. We recommend ticking at least Superadmin and Admin.
            </p>
          ) : (
            <p>Staff of a ticked role must sign in with a code from an authenticator app and have no staff rights until they have set one up.</p>
          )
        }
      >
        <SettingForm
          action={saveSecurityPolicyAction}
          submitLabel="Save authenticator roles"
          readOnly={readOnly}
          fields={[{ kind: 'checkboxes', name: 'security.totpRoles', legend: 'Roles that need an authenticator', options: ROLE_OPTIONS, values: totpRoles }]}
        />
      </SettingSection>

      <SettingSection id="thresholds" title="Blocking and alerts">
        <SettingForm
          action={saveSecurityPolicyAction}
          submitLabel="Save thresholds"
          readOnly={readOnly}
          fields={[
            { kind: 'text', name: 'security.ipBlock.failures', label: 'Failed sign-ins that block an address', hint: 'From one address (IPv6: its /64), 5 to 1000.', value: String(ipBlock.failures), numeric: true, className: 'max-w-md' },
            { kind: 'text', name: 'security.ipBlock.windowMinutes', label: 'Counted within (minutes)', hint: '1 to 1440.', value: String(ipBlock.windowMinutes), numeric: true, className: 'max-w-md' },
            { kind: 'text', name: 'security.ipBlock.blockMinutes', label: 'Blocked for (minutes)', hint: '1 to 43200 (30 days).', value: String(ipBlock.blockMinutes), numeric: true, className: 'max-w-md' },
            { kind: 'text', name: 'security.factorFailureAlert.failures', label: 'Wrong PINs or codes on one staff account that send an alert', hint: '2 to 100.', value: String(factorAlert.failures), numeric: true, className: 'max-w-md' },
            { kind: 'text', name: 'security.factorFailureAlert.windowMinutes', label: 'Alert: counted within (minutes)', hint: '1 to 1440.', value: String(factorAlert.windowMinutes), numeric: true, className: 'max-w-md' },
            { kind: 'text', name: 'security.mailCooldownMinutes', label: 'Security e-mail cooldown (minutes)', hint: 'At most one e-mail about the same event per cooldown, so an attack does not flood the mailbox. 1 to 1440.', value: String(cooldown), numeric: true, className: 'max-w-md' },
          ]}
        />
      </SettingSection>

      <SettingSection id="staff-sessions" title="Staff sessions">
        <SettingForm
          action={saveSecurityPolicyAction}
          submitLabel="Save session limits"
          readOnly={readOnly}
          fields={[
            { kind: 'text', name: 'staff.idleTimeoutMinutes', label: 'Idle timeout (minutes)', hint: 'A staff member who does nothing for this long is signed out. 5 to 120.', value: String(staffIdle), numeric: true, className: 'max-w-md' },
            { kind: 'text', name: 'staff.sessionHours', label: 'Longest session (hours)', hint: 'After this, staff sign in again whatever they do. 1 to 24.', value: String(staffHours), numeric: true, className: 'max-w-md' },
          ]}
        />
      </SettingSection>

      <SettingSection id="security-address" title="Security address" description={<p>Security e-mails go here, and /.well-known/security.txt names it for reporting vulnerabilities. Now: <span className="font-mono">{effectiveAddress}</span>.</p>}>
        <SettingForm
          action={saveSecurityPolicyAction}
          submitLabel="Save security address"
          readOnly={readOnly}
          fields={[
            {
              kind: 'text',
              type: 'email',
              name: 'security.contactEmail',
              label: 'E-mail address for security reports and alerts',
              optional: true,
              hint: 'Leave empty to use security@ the host name of the site.',
              value: contactEmail ?? '',
              className: 'max-w-md',
            },
          ]}
        />
      </SettingSection>

      <section aria-labelledby="proxies" className="space-y-3 rounded-lg border border-neutral-200 p-5">
        <h2 id="proxies" className="text-lg font-semibold text-ink">
          Trusted proxies
        </h2>
        <p className="max-w-3xl text-sm text-neutral-700">
          Requests that come through one of these reverse proxies are taken to be from the address the proxy reports (X-Forwarded-For); any other request is taken to be from the address it connects from. Every
          address-based decision (blocks, allowlists, the access log) relies on this. They are set by the server’s TRUSTED_PROXIES environment variable and cannot be changed here.
        </p>
        {proxies.length === 0 ? (
          <p className="rounded-lg border border-dashed border-neutral-300 p-4 text-sm text-neutral-700">None: every request is taken to be from the address it connects from.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 font-mono text-sm">
            {proxies.map((range) => (
              <li key={range}>{range}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
