import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { listPrivacyRequests } from '@/lib/privacy/requests/list-privacy-requests';
import { listAwaitingParental } from '@/lib/privacy/requests/parental-confirmation';
import { privacyRequestKindLabels, privacyRequestStateLabels, privacyRequestKinds } from '@/lib/privacy/requests/request-kinds';
import { getSetting } from '@/lib/settings/get-setting';
import { requireStaff } from '@/lib/staff/require-staff';
import { Empty, Section, Table } from '../_components/detail-parts';
import { confirmParentalConsentAction } from './actions';
import { DeskActionButton } from './request-forms';

export const metadata: Metadata = { title: 'Privacy requests' };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

const selectClass = 'mt-1 block w-full rounded-md border border-neutral-500 bg-white px-3 py-2 text-base text-ink';

export default async function PrivacyRequestsPage({ searchParams }: TProps) {
  const actor = await requireStaff('privacy.requests', '/staff/privacy-requests');
  const params = await searchParams;
  const now = new Date();
  const { filters, rows } = await listPrivacyRequests(actor, { show: first(params.show) || 'open', kind: first(params.kind) || 'any' }, now);
  const parentalRequired = await getSetting('accounts.requireParentalConfirmation');
  const awaitingParental = parentalRequired ? await listAwaitingParental(actor) : [];
  const overdueCount = rows.filter((row) => row.overdue).length;

  return (
    <div className="space-y-10">
      <PageHeader title="Privacy requests">
        <p>
          Data-subject requests by due date, the most urgent first. The answer is due one month after receipt (GDPR art. 12(3)); it can be extended once by up to two months, with the reason mailed to the person.
        </p>
        <p className="mt-3">
          <Link href="/staff/privacy-requests/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            Record a request received by mail
          </Link>
        </p>
      </PageHeader>

      <form method="get" role="search" aria-label="Filter requests" className="grid gap-4 sm:grid-cols-[12rem_16rem_auto] sm:items-end">
        <div>
          <label htmlFor="desk-show" className="block text-sm font-medium text-ink">
            Show
          </label>
          <select id="desk-show" name="show" defaultValue={filters.show} className={selectClass}>
            <option value="open">Open requests</option>
            <option value="closed">Closed requests</option>
            <option value="all">All requests</option>
          </select>
        </div>
        <div>
          <label htmlFor="desk-kind" className="block text-sm font-medium text-ink">
            Kind
          </label>
          <select id="desk-kind" name="kind" defaultValue={filters.kind} className={selectClass}>
            <option value="any">Every kind</option>
            {privacyRequestKinds.map((kind) => (
              <option key={kind} value={kind}>
                {privacyRequestKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            Filter
          </button>
        </div>
      </form>

      <Section id="requests" title={overdueCount > 0 ? `Requests (${overdueCount} overdue)` : 'Requests'}>
        {rows.length === 0 ? (
          <Empty>{filters.show === 'open' ? 'No open request. Requests made in My Account appear here, and those you record from a mail.' : 'No request matches this filter.'}</Empty>
        ) : (
          <Table caption="Privacy requests" headings={['Due', 'Kind', 'Person', 'State', 'Received', 'Source']}>
            {rows.map((row) => (
              <tr key={row.id} className={row.overdue ? 'bg-red-50' : undefined}>
                <td className="py-2 pr-4 whitespace-nowrap">
                  <Timestamp value={row.dueAt} dateOnly />
                  {row.overdue ? <span className="ml-2 inline-block rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">Overdue</span> : null}
                  {row.extendedAt ? <span className="ml-2 text-xs text-neutral-700">(extended)</span> : null}
                </td>
                <td className="py-2 pr-4">
                  <Link href={`/staff/privacy-requests/${row.id}`} className={linkClass}>
                    {privacyRequestKindLabels[row.kind]}
                  </Link>
                </td>
                <td className="py-2 pr-4">
                  <span className="block">{row.person}</span>
                  {row.email ? <span className="block break-all text-xs text-neutral-700">{row.email}</span> : null}
                </td>
                <td className="py-2 pr-4">{privacyRequestStateLabels[row.state]}</td>
                <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={row.receivedAt} dateOnly /></td>
                <td className="py-2 pr-4">{row.source === 'self_service' ? 'My Account' : row.source === 'staff' ? 'By mail' : 'Inactive account'}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="parental" title="Parental confirmations">
        {!parentalRequired ? (
          <p className="text-sm text-neutral-700">
            The shop does not require a parent’s confirmation: an account registered with the parental statement signs in like any other. A settings manager can change this under Settings, Customer accounts.
          </p>
        ) : awaitingParental.length === 0 ? (
          <Empty>No account waits for a parent’s confirmation.</Empty>
        ) : (
          <>
            <p className="text-sm text-neutral-700">
              These accounts were registered with the statement that a parent or guardian agreed; they cannot sign in until you record the parent’s confirmation (for example a signed form or a call back to the parent). Your name and the time are recorded.
            </p>
            <Table caption="Accounts waiting for a parent's confirmation" headings={['Registered', 'Name', 'E-mail', '']}>
              {awaitingParental.map((account) => (
                <tr key={account.id}>
                  <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={account.createdAt} dateOnly /></td>
                  <td className="py-2 pr-4">{account.fullName}</td>
                  <td className="py-2 pr-4 break-all">{account.email}</td>
                  <td className="py-2 pr-4">
                    <DeskActionButton action={confirmParentalConsentAction} hidden={{ customerId: account.id }} label="Record the parent’s confirmation" pendingLabel="Recording…" />
                  </td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </Section>
    </div>
  );
}
