import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { formatMoney } from '@/lib/format/money';
import { listStaffOrders, ZStaffOrderFilter, type TStaffOrderRow } from '@/lib/orders/list-staff-orders';
import { orderStatusLabels } from '@/lib/orders/order-transitions';
import { requireStaff } from '@/lib/staff/require-staff';
import { MismatchFlag, StatusBadge } from './status-badge';

export const metadata: Metadata = { title: 'Orders' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const inputClass = (error: string | undefined) => `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink ${error ? 'border-red-700' : 'border-neutral-500'}`;

export default async function OrdersPage({ searchParams }: TProps) {
  const actor = await requireStaff('orders.manage', '/staff/orders');
  const params = await searchParams;
  const raw = { status: first(params.status).trim(), customer: first(params.customer).trim(), from: first(params.from).trim(), to: first(params.to).trim(), page: first(params.page).trim() || '1' };
  const filter = ZStaffOrderFilter.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!filter.success) for (const issue of filter.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const result = filter.success ? await listStaffOrders(actor, filter.data) : null;
  const filtered = raw.status !== '' || raw.customer !== '' || raw.from !== '' || raw.to !== '';
  const pageHref = (page: number) => `/staff/orders?${new URLSearchParams({ status: raw.status, customer: raw.customer, from: raw.from, to: raw.to, page: String(page) })}`;

  return (
    <div className="space-y-8">
      <PageHeader title="Orders">Newest first. Filter by state, customer and the day the order was placed; open an order to approve, reject, register a payment, deliver or cancel it.</PageHeader>

      <form method="get" role="search" aria-label="Filter orders" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[12rem_1fr_10rem_10rem_auto] lg:items-end" noValidate>
        <div>
          <label htmlFor="order-status" className="block text-sm font-medium text-ink">
            State
          </label>
          <select id="order-status" name="status" defaultValue={raw.status} className={inputClass(errors.status)} aria-invalid={errors.status ? true : undefined} aria-describedby={errors.status ? 'order-status-error' : undefined}>
            <option value="">All states</option>
            {Object.entries(orderStatusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FilterError id="order-status-error" error={errors.status} />
        </div>
        <FilterField id="order-customer" name="customer" label="Customer name or e-mail" type="search" value={raw.customer} error={errors.customer} maxLength={100} />
        <FilterField id="order-from" name="from" label="Placed from" type="date" value={raw.from} error={errors.from} />
        <FilterField id="order-to" name="to" label="Placed until" type="date" value={raw.to} error={errors.to} />
        <div className="flex gap-3">
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            Filter
          </button>
          {filtered ? (
            <Link href="/staff/orders" className={`${linkClass} self-center text-sm`}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      {!result ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">Correct the filter to see orders.</p>
      ) : result.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
          {result.page > 1 ? 'No more orders match.' : filtered ? 'No order matches this filter.' : 'No orders yet.'}
        </p>
      ) : (
        <OrdersTable rows={result.rows} page={result.page} />
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

function FilterField({ id, name, label, type, value, error, maxLength }: { id: string; name: string; label: string; type: 'search' | 'date'; value: string; error?: string; maxLength?: number }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass(error)}
      />
      <FilterError id={`${id}-error`} error={error} />
    </div>
  );
}

function FilterError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-700">
      <span className="sr-only">Error: </span>
      {error}
    </p>
  );
}

function OrdersTable({ rows, page }: { rows: TStaffOrderRow[]; page: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Orders, newest first, page {page}</caption>
        <thead className="border-b border-neutral-300 text-neutral-700">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Order</th>
            <th scope="col" className="py-2 pr-4 font-medium">Placed</th>
            <th scope="col" className="py-2 pr-4 font-medium">Customer</th>
            <th scope="col" className="py-2 pr-4 font-medium">State</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Total</th>
            <th scope="col" className="py-2 pr-4 font-medium">Invoice</th>
            <th scope="col" className="py-2 pr-4 font-medium">Location</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="py-2 pr-4 font-medium">
                <Link href={`/staff/orders/${row.id}`} className={linkClass}>
                  {row.number}
                </Link>
              </th>
              <td className="py-2 pr-4 whitespace-nowrap">
                <Timestamp value={row.submittedAt} />
              </td>
              <td className="py-2 pr-4">
                <span className="block">{row.billingName}</span>
                {row.billingCompany ? <span className="block text-neutral-700">{row.billingCompany}</span> : null}
                <span className="block break-all text-neutral-700">{row.customerEmail}</span>
              </td>
              <td className="py-2 pr-4">
                <StatusBadge status={row.status} />
              </td>
              <td className="py-2 pr-4 text-right whitespace-nowrap tabular-nums">{formatMoney(row.grossTotalMinor, row.currency)}</td>
              <td className="py-2 pr-4 font-mono text-xs whitespace-nowrap">{row.invoiceNumber ?? '—'}</td>
              <td className="py-2 pr-4">{row.locationMismatch ? <MismatchFlag /> : <span className="text-neutral-700">Consistent</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
