import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import type { TAuditListRow } from '@/lib/audit/audit-entry-rows';
import { auditQueryString, parseAuditQuery, type TAuditFilters } from '@/lib/audit/audit-filters';
import { checkAuditChain } from '@/lib/audit/check-audit-chain';
import { listAuditEntries } from '@/lib/audit/list-audit-entries';
import type { TChainReport } from '@/lib/audit/verify-audit-chain';
import { requireStaff } from '@/lib/staff/require-staff';

export const metadata: Metadata = { title: 'Audit trail' };

const PAGE_SIZE = 50;

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ACTOR_KIND_LABELS: Record<TAuditListRow['actorKind'], string> = { staff: 'Staff', customer: 'Customer', system: 'System' };

const buttonClass = 'inline-flex min-h-11 items-center rounded-lg px-5 text-base font-semibold';

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">{children}</p>;
}

/** A user id in full (the trail has ids only), with a link that filters the trail by it. */
function UserId({ id, filter, filters }: { id: string; filter: 'subjectUserId' | 'actorUserId'; filters: TAuditFilters }) {
  return (
    <Link href={`/staff/audit${auditQueryString({ ...filters, [filter]: id })}`} className={`${linkClass} font-mono text-xs break-all`}>
      {id}
      <span className="sr-only">{filter === 'subjectUserId' ? ' (show entries about this user)' : ' (show entries by this user)'}</span>
    </Link>
  );
}

function Actor({ row, filters }: { row: TAuditListRow; filters: TAuditFilters }) {
  return (
    <div className="space-y-0.5">
      <p className="font-medium text-ink">{ACTOR_KIND_LABELS[row.actorKind]}</p>
      {row.actorName ? <p>{row.actorName}</p> : null}
      {row.actorEmail ? <p className="break-all text-neutral-700">{row.actorEmail}</p> : null}
      {row.actorUserId ? <UserId id={row.actorUserId} filter="actorUserId" filters={filters} /> : null}
    </div>
  );
}

function ChainStatus({ report, checkHref }: { report: TChainReport | null; checkHref: string }) {
  return (
    <section aria-labelledby="chain-heading" className="max-w-4xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
      <h2 id="chain-heading" className="text-sm font-semibold text-neutral-700">
        Chain check
      </h2>
      {report === null ? (
        <p className="mt-1 text-sm text-neutral-700">
          Each entry is chained to the one before it by a hash, so a changed or removed entry shows. The check reads the whole
          trail, so it runs only when you ask.{' '}
          {/* A plain link: a prefetch must not start the check. */}
          <a href={checkHref} className={linkClass}>
            Check the chain now
          </a>
        </p>
      ) : report.intact ? (
        <p className="mt-1 text-base font-medium text-ink">
          Intact: {report.entries.toLocaleString('en-IE')} {report.entries === 1 ? 'entry' : 'entries'} checked
          {report.anchored && report.firstId !== null ? `, from entry ${report.firstId} (older entries were removed after their retention period)` : ''}
          {report.unverifiableErased > 0 ? `; ${report.unverifiableErased} older entries had their address erased, so only their links could be checked` : ''}.
        </p>
      ) : (
        <p role="alert" className="mt-1 text-base font-medium text-red-700">
          Broken at entry {report.brokenId}: {report.problem}. {report.entries.toLocaleString('en-IE')} entries before it are intact.
        </p>
      )}
    </section>
  );
}

function FilterForm({ values, errors }: { values: Record<string, string>; errors: Record<string, string | undefined> }) {
  return (
    <form method="get" action="/staff/audit" aria-labelledby="filters-heading" className="max-w-4xl rounded-lg border border-neutral-200 p-5">
      <h2 id="filters-heading" className="text-lg font-semibold text-ink">
        Filters
      </h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <TextField
          name="action"
          label="Action"
          optional
          hint="Exact, such as account.profile-updated, or a prefix ending in a dot, such as staff."
          defaultValue={values.action}
          error={errors.action}
          spellCheck={false}
          maxLength={100}
        />
        <TextField name="subjectUserId" label="Subject user id" optional hint="Whose data the entry is about (a UUID)." defaultValue={values.subjectUserId} error={errors.subjectUserId} spellCheck={false} maxLength={36} />
        <TextField name="actorUserId" label="Actor user id" optional hint="Who acted (a UUID)." defaultValue={values.actorUserId} error={errors.actorUserId} spellCheck={false} maxLength={36} />
        <div className="grid grid-cols-2 gap-4">
          <TextField name="from" type="date" label="From (UTC)" optional defaultValue={values.from} error={errors.from} />
          <TextField name="to" type="date" label="To (UTC)" optional defaultValue={values.to} error={errors.to} />
        </div>
      </div>
      <div className="mt-5 flex flex-wrap items-center gap-4">
        <button type="submit" className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}>
          Show entries
        </button>
        <Link href="/staff/audit" className={linkClass}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}

function EntriesTable({ rows, filters }: { rows: TAuditListRow[]; filters: TAuditFilters }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200">
      <table className="w-full min-w-[64rem] text-left text-sm">
        <caption className="sr-only">Audit trail entries, newest first</caption>
        <thead className="bg-neutral-50 text-neutral-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Time</th>
            <th scope="col" className="px-4 py-2 font-medium">Actor</th>
            <th scope="col" className="px-4 py-2 font-medium">Action</th>
            <th scope="col" className="px-4 py-2 font-medium">Subject</th>
            <th scope="col" className="px-4 py-2 font-medium">Object</th>
            <th scope="col" className="px-4 py-2 font-medium">Client address</th>
            <th scope="col" className="px-4 py-2 font-medium">Purpose</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200 align-top">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-4 py-2 whitespace-nowrap">
                <Timestamp value={row.occurredAt} />
                <p className="text-xs text-neutral-600">Entry {row.id}</p>
              </td>
              <td className="min-w-48 px-4 py-2">
                <Actor row={row} filters={filters} />
              </td>
              <td className="min-w-44 px-4 py-2">
                <p className="font-mono text-xs break-all text-ink">{row.action}</p>
                {row.changedFields.length > 0 ? <p className="mt-0.5 text-xs text-neutral-700">Changed: {row.changedFields.join(', ')}</p> : null}
                {row.attempted ? <p className="mt-0.5 text-xs text-neutral-700">Attempted: {row.attempted}</p> : null}
              </td>
              <td className="min-w-40 px-4 py-2">{row.subjectUserId ? <UserId id={row.subjectUserId} filter="subjectUserId" filters={filters} /> : <span className="text-neutral-600">None</span>}</td>
              <td className="min-w-56 px-4 py-2 break-all">
                {row.objectType || row.objectId ? (
                  <>
                    {row.objectType ?? 'Object'} <span className="font-mono text-xs">{row.objectId}</span>
                  </>
                ) : (
                  <span className="text-neutral-600">None</span>
                )}
              </td>
              <td className="min-w-32 px-4 py-2 font-mono text-xs break-all">{row.clientIp ?? <span className="font-sans text-sm text-neutral-600">Unknown</span>}</td>
              <td className="min-w-48 px-4 py-2 break-words">{row.purpose ?? <span className="text-neutral-600">None given</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The audit trail for staff with audit.read: filters in the address (GET), so a view can be linked and exported as it is. */
export default async function AuditTrailPage({ searchParams }: TProps) {
  const actor = await requireStaff('audit.read', '/staff/audit');
  const params = await searchParams;
  const query = parseAuditQuery(params);
  const checkChain = params.verify === '1';
  const [page, chain] = await Promise.all([
    query.filters ? listAuditEntries(actor, query.filters, { limit: PAGE_SIZE, before: query.before }) : null,
    checkChain ? checkAuditChain(actor) : null,
  ]);
  const filters = query.filters ?? {};
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-8">
      <PageHeader title="Audit trail">
        <p>
          Who did what to whose data, when, from where and why. Entries hold ids and field names, never a customer’s values. Times
          are in UTC; {PAGE_SIZE} entries are shown at a time, newest first.
        </p>
      </PageHeader>

      <ChainStatus report={chain} checkHref={`/staff/audit${auditQueryString(filters, { verify: 1, before: query.before })}`} />

      <FilterForm values={query.values} errors={query.fieldErrors} />

      <section aria-labelledby="entries-heading" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
          <h2 id="entries-heading" className="text-lg font-semibold text-ink">
            {query.before ? 'Older entries' : 'Entries'}
          </h2>
          {page ? (
            // A plain link: the export is recorded in the trail, so a prefetch must never start one.
            <a href={`/staff/audit/export${auditQueryString(filters)}`} download className={linkClass}>
              Download CSV<span className="sr-only"> of {filtered ? 'the entries matching these filters' : 'the whole audit trail'}</span>
            </a>
          ) : null}
        </div>
        {page === null ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            Correct the marked filters to see entries.
          </p>
        ) : page.rows.length === 0 ? (
          <Empty>
            {query.before ? 'No older entries.' : filtered ? 'No entries match these filters.' : 'The audit trail has no entries yet.'}{' '}
            {filtered ? (
              <Link href="/staff/audit" className={linkClass}>
                Show all entries
              </Link>
            ) : null}
          </Empty>
        ) : (
          <EntriesTable rows={page.rows} filters={filters} />
        )}
        {page && (page.nextBefore !== null || query.before) ? (
          <nav aria-label="Audit trail pages" className="flex flex-wrap gap-6 text-sm">
            {query.before ? (
              <Link href={`/staff/audit${auditQueryString(filters)}`} className={linkClass}>
                Newest entries
              </Link>
            ) : null}
            {page.nextBefore !== null ? (
              <Link href={`/staff/audit${auditQueryString(filters, { before: page.nextBefore })}`} className={linkClass}>
                Older entries
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
