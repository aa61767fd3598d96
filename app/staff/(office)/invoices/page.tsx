import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SelectField, TextField } from '@/app/_components/form-fields';
import { PaymentBadge } from '@/app/_components/invoices/payment-badge';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { formatDate, isoDate } from '@/lib/format/date';
import { formatMoney } from '@/lib/format/money';
import { invoiceQueryString, parseInvoiceQuery, type TInvoiceFilters } from '@/lib/invoices/invoice-filters';
import { countryNameOf, invoiceKindLabels } from '@/lib/invoices/invoice-text';
import { listInvoicesForStaff, type TInvoiceListRow } from '@/lib/invoices/list-invoices';
import { paymentStateLabels, paymentStates } from '@/lib/invoices/payment-status';
import { requireStaff } from '@/lib/staff/require-staff';

export const metadata: Metadata = { title: 'Invoices' };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const buttonClass = 'inline-flex min-h-11 items-center rounded-lg px-5 text-base font-semibold';

const DateText = ({ value }: { value: string }) => <time dateTime={isoDate(value)}>{formatDate(value)}</time>;

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">{children}</p>;
}

/** The quick views: everything, and the overdue list worked through oldest due date first. */
function Views({ filters, overdueCount }: { filters: TInvoiceFilters; overdueCount: number }) {
  const views = [
    { label: 'All invoices', href: '/staff/invoices', current: !filters.state },
    { label: `Overdue (${overdueCount})`, href: '/staff/invoices?state=overdue', current: filters.state === 'overdue' },
    { label: 'Unpaid', href: '/staff/invoices?state=unpaid', current: filters.state === 'unpaid' },
  ];
  return (
    <nav aria-label="Invoice views" className="flex flex-wrap gap-2">
      {views.map((view) => (
        <Link
          key={view.href}
          href={view.href}
          aria-current={view.current ? 'page' : undefined}
          className={`rounded-full px-4 py-2 text-sm font-medium ring-1 ring-inset ${view.current ? 'bg-brand-700 text-white ring-brand-700' : 'text-ink ring-neutral-300 hover:bg-neutral-100'}`}
        >
          {view.label}
        </Link>
      ))}
    </nav>
  );
}

function FilterForm({ values, errors }: { values: Record<string, string>; errors: Record<string, string | undefined> }) {
  return (
    <form method="get" action="/staff/invoices" aria-labelledby="filters-heading" className="max-w-5xl rounded-lg border border-neutral-200 p-5">
      <h2 id="filters-heading" className="text-lg font-semibold text-ink">
        Filters
      </h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField name="number" label="Number" optional hint="The whole number or a part, such as 2026-0001." defaultValue={values.number} error={errors.number} spellCheck={false} maxLength={30} />
        <TextField name="customer" label="Customer" optional hint="Part of the buyer's name, company or e-mail on the invoice." defaultValue={values.customer} error={errors.customer} maxLength={100} />
        <SelectField
          name="state"
          label="State"
          optional
          placeholder="Any state"
          options={paymentStates.map((state) => ({ value: state, label: paymentStateLabels[state] }))}
          defaultValue={values.state}
          error={errors.state}
        />
        <TextField name="from" type="date" label="Issued from" optional defaultValue={values.from} error={errors.from} />
        <TextField name="to" type="date" label="Issued to" optional defaultValue={values.to} error={errors.to} />
      </div>
      <div className="mt-5 flex flex-wrap items-center gap-4">
        <button type="submit" className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}>
          Show invoices
        </button>
        <Link href="/staff/invoices" className={linkClass}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}

function InvoicesTable({ rows, overdueView }: { rows: TInvoiceListRow[]; overdueView: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200">
      <table className="w-full min-w-[60rem] text-left text-sm">
        <caption className="sr-only">{overdueView ? 'Overdue invoices, oldest due date first' : 'Invoices and credit notes, newest first'}</caption>
        <thead className="bg-neutral-50 text-neutral-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Number</th>
            <th scope="col" className="px-4 py-2 font-medium">Issued</th>
            <th scope="col" className="px-4 py-2 font-medium">Customer</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Total</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Due</th>
            <th scope="col" className="px-4 py-2 font-medium">Reminders</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200 align-top">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="px-4 py-3 whitespace-nowrap">
                <Link href={`/staff/invoices/${row.id}`} aria-label={`${invoiceKindLabels[row.kind]} ${row.number}`} className={linkClass}>
                  {row.number}
                </Link>
                {row.kind === 'credit_note' ? <p className="text-xs text-neutral-600">Credit note{row.creditedInvoiceNumber ? ` for ${row.creditedInvoiceNumber}` : ''}</p> : null}
                {row.creditNoteNumber ? <p className="text-xs text-neutral-600">Credited by {row.creditNoteNumber}</p> : null}
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                <DateText value={row.issueDate} />
              </td>
              <td className="min-w-48 px-4 py-3">
                <p className="break-words text-ink">{row.buyerCompany ?? row.buyerName}</p>
                <p className="text-xs text-neutral-600">
                  {row.buyerCompany ? `${row.buyerName} · ` : ''}
                  {countryNameOf(row.buyerCountryCode)}
                </p>
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                {formatMoney(row.grossTotalMinor, row.currency)}
                {row.status.dueMinor > 0 && row.status.paidMinor > 0 ? <p className="text-xs text-neutral-700">{formatMoney(row.status.dueMinor, row.currency)} due</p> : null}
              </td>
              <td className="px-4 py-3">
                <PaymentBadge state={row.status.state} label={row.status.label} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{row.dueDate ? <DateText value={row.dueDate} /> : <span className="text-neutral-600">None</span>}</td>
              <td className="px-4 py-3 whitespace-nowrap">{row.reminderLevel ? `Level ${row.reminderLevel} sent` : <span className="text-neutral-600">None</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Invoices and credit notes for staff with orders.manage: filters in the address (GET), so a view can be linked and exported as it is. */
export default async function StaffInvoicesPage({ searchParams }: TProps) {
  const actor = await requireStaff('orders.manage', '/staff/invoices');
  const query = parseInvoiceQuery(await searchParams);
  const filters = query.filters ?? {};
  const result = query.filters ? await listInvoicesForStaff(actor, query.filters, { page: query.page }) : null;
  const overdueView = filters.state === 'overdue';
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-8">
      <PageHeader title={overdueView ? 'Overdue invoices' : 'Invoices'}>
        <p>
          {overdueView
            ? 'Unpaid invoices past their due date, the longest overdue first. The buyer is reminded by e-mail the day after the due date and again two weeks later.'
            : 'Every invoice and credit note issued, newest first. Invoices cannot be changed; a credit note cancels one.'}
        </p>
      </PageHeader>

      <Views filters={filters} overdueCount={result?.overdueCount ?? 0} />
      <FilterForm values={query.values} errors={query.fieldErrors} />

      <section aria-labelledby="invoices-heading" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
          <h2 id="invoices-heading" className="text-lg font-semibold text-ink">
            {result ? `${result.total.toLocaleString('en-IE')} ${result.total === 1 ? 'document' : 'documents'}` : 'Documents'}
          </h2>
          {result ? (
            // A plain link: the export is audited, so a prefetch must never start one.
            <a href={`/staff/invoices/export${invoiceQueryString(filters)}`} download className={linkClass}>
              Download CSV<span className="sr-only"> of {filtered ? 'the invoices matching these filters' : 'all invoices'}</span>
            </a>
          ) : null}
        </div>
        {result === null ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            Correct the marked filters to see invoices.
          </p>
        ) : result.rows.length === 0 ? (
          <Empty>
            {overdueView ? 'No invoice is overdue.' : filtered ? 'No invoices match these filters.' : 'No invoices have been issued yet.'}{' '}
            {filtered ? (
              <Link href="/staff/invoices" className={linkClass}>
                Show all invoices
              </Link>
            ) : null}
          </Empty>
        ) : (
          <InvoicesTable rows={result.rows} overdueView={overdueView} />
        )}
        {result && result.pageCount > 1 ? (
          <nav aria-label="Invoice pages" className="flex flex-wrap items-center gap-6 text-sm">
            {result.page > 1 ? (
              <Link href={`/staff/invoices${invoiceQueryString(filters, { page: result.page - 1 })}`} className={linkClass}>
                Previous page
              </Link>
            ) : null}
            <span className="text-neutral-700">
              Page {result.page} of {result.pageCount}
            </span>
            {result.page < result.pageCount ? (
              <Link href={`/staff/invoices${invoiceQueryString(filters, { page: result.page + 1 })}`} className={linkClass}>
                Next page
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
