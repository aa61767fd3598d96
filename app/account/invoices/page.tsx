import type { Metadata } from 'next';
import Link from 'next/link';
import { PaymentBadge } from '@/app/_components/invoices/payment-badge';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { formatDate, isoDate } from '@/lib/format/date';
import { formatMoney } from '@/lib/format/money';
import { invoiceKindLabels } from '@/lib/invoices/invoice-text';
import { listMyInvoices } from '@/lib/invoices/list-invoices';
import { PageHeader } from '../_components/page-header';

export const metadata: Metadata = { title: 'Invoices' };

/** The customer's invoices and credit notes, newest first, each with where its payment stands. */
export default async function MyInvoicesPage() {
  const actor = await requireUser('/account/invoices');
  const rows = await listMyInvoices(actor);
  const open = rows.filter((row) => row.status.state === 'unpaid' || row.status.state === 'overdue');

  return (
    <div className="space-y-8">
      <PageHeader title="Invoices">
        <p>Every invoice and credit note we have issued to you. Open one to see it in full, print it or download it as a PDF.</p>
      </PageHeader>

      {open.length > 0 ? (
        <p className="max-w-4xl rounded-lg border border-neutral-200 bg-neutral-50 p-4 text-base text-ink">
          {open.length === 1 ? 'One invoice is' : `${open.length} invoices are`} waiting for payment
          {open.some((row) => row.status.state === 'overdue') ? ', and at least one is past its due date' : ''}.
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p className="max-w-4xl rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">
          You have no invoices yet. An invoice appears here as soon as an order of yours is accepted.{' '}
          <Link href="/search" className={linkClass}>
            Browse images
          </Link>
        </p>
      ) : (
        <div className="max-w-5xl overflow-x-auto rounded-lg border border-neutral-200">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Your invoices and credit notes, newest first</caption>
            <thead className="bg-neutral-50 text-neutral-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Number
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Issued
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Due
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Total
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-200">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-3">
                    <Link href={`/account/invoices/${row.id}`} aria-label={`${invoiceKindLabels[row.kind]} ${row.number}`} className={linkClass}>
                      {row.number}
                    </Link>
                    {row.kind === 'credit_note' ? <p className="text-xs text-neutral-600">Credit note{row.creditedInvoiceNumber ? ` for ${row.creditedInvoiceNumber}` : ''}</p> : null}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <time dateTime={isoDate(row.issueDate)}>{formatDate(row.issueDate)}</time>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">{row.dueDate ? <time dateTime={isoDate(row.dueDate)}>{formatDate(row.dueDate)}</time> : <span className="text-neutral-600">None</span>}</td>
                  <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">{formatMoney(row.grossTotalMinor, row.currency)}</td>
                  <td className="px-4 py-3">
                    <PaymentBadge state={row.status.state} label={row.status.label} />
                    {row.status.dueMinor > 0 && row.status.paidMinor > 0 ? <p className="mt-1 text-xs text-neutral-700">{formatMoney(row.status.dueMinor, row.currency)} still due</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
