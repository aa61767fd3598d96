import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { searchCustomers, ZCustomerSearch, type TCustomerSearchRow } from '@/lib/customers/search-customers';
import { requireStaff } from '@/lib/staff/require-staff';
import { STATUS_LABELS } from './status-labels';

export const metadata: Metadata = { title: 'Customers' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CustomersPage({ searchParams }: TProps) {
  const actor = await requireStaff('customers.read', '/staff/customers');
  const params = await searchParams;
  const raw = { q: first(params.q).trim(), page: first(params.page).trim() || '1' };
  const searched = raw.q !== '' || first(params.page) !== '';
  const query = searched ? ZCustomerSearch.safeParse(raw) : null;
  const error = query && !query.success ? query.error.issues[0]?.message : undefined;
  const result = query?.success ? await searchCustomers(actor, query.data) : null;
  const pageHref = (page: number) => `/staff/customers?${new URLSearchParams({ q: raw.q, page: String(page) })}`;

  return (
    <div className="space-y-8">
      <PageHeader title="Customers">Search by name, e-mail address or company. Every search is recorded in the audit trail (who searched and when, not what for).</PageHeader>

      <form method="get" role="search" className="flex flex-wrap items-end gap-4" noValidate>
        <div className="w-full max-w-md">
          <label htmlFor="customer-search" className="block text-sm font-medium text-ink">
            Name, e-mail or company
          </label>
          <input
            id="customer-search"
            name="q"
            type="search"
            defaultValue={raw.q}
            maxLength={100}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'customer-search-error' : undefined}
            className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink ${error ? 'border-red-700' : 'border-neutral-500'}`}
          />
          {error ? (
            <p id="customer-search-error" className="mt-1 text-sm font-medium text-red-700">
              <span className="sr-only">Error: </span>
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          Search
        </button>
      </form>

      {!result ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
          {error ? 'Correct the search to see customers.' : 'Enter at least 2 characters to find customers.'}
        </p>
      ) : result.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">{result.page > 1 ? 'No more customers match.' : 'No customer matches this search.'}</p>
      ) : (
        <ResultsTable rows={result.rows} page={result.page} />
      )}

      {result && (result.page > 1 || result.hasMore) ? (
        <nav aria-label="Result pages" className="flex gap-6">
          {result.page > 1 ? (
            <Link href={pageHref(result.page - 1)} className={linkClass}>
              Previous page
            </Link>
          ) : null}
          {result.hasMore ? (
            <Link href={pageHref(result.page + 1)} className={linkClass}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function ResultsTable({ rows, page }: { rows: TCustomerSearchRow[]; page: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Customers matching the search, by name, page {page}</caption>
        <thead className="border-b border-neutral-300 text-neutral-700">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Name</th>
            <th scope="col" className="py-2 pr-4 font-medium">E-mail</th>
            <th scope="col" className="py-2 pr-4 font-medium">Company</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Registered</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="py-2 pr-4 font-medium">
                <Link href={`/staff/customers/${row.id}`} className={linkClass}>
                  {row.fullName}
                </Link>
              </th>
              <td className="py-2 pr-4 break-all">{row.email}</td>
              <td className="py-2 pr-4">{row.company ?? '—'}</td>
              <td className="py-2 pr-4">{STATUS_LABELS[row.status]}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <Timestamp value={row.createdAt} dateOnly />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
