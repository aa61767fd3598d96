import Link from 'next/link';
import type { ReactNode } from 'react';
import { linkClass } from '@/app/_components/link-class';
import { formatDate, isoDate } from '@/lib/format/date';
import { formatMoney } from '@/lib/format/money';
import type { TInvoiceView } from '@/lib/invoices/get-invoice';
import { buyerLines, formatVatRate, invoiceKindLabels, sellerAddressLines, vatTreatmentLabels } from '@/lib/invoices/invoice-text';
import { thumbnailUrl } from '@/lib/media/urls';
import { PaymentBadge } from './payment-badge';
import { PrintButton } from './print-button';

const DateText = ({ value }: { value: string }) => <time dateTime={isoDate(value)}>{formatDate(value)}</time>;

function Party({ heading, lines, vatNumber }: { heading: string; lines: string[]; vatNumber: string | null }) {
  return (
    <div>
      <h2 className="text-sm font-semibold tracking-wide text-neutral-600 uppercase">{heading}</h2>
      <address className="mt-1 text-base not-italic text-ink">
        {lines.map((line, index) => (
          <span key={index} className={index === 0 ? 'block font-semibold' : 'block'}>
            {line}
          </span>
        ))}
        {vatNumber ? <span className="mt-1 block">VAT number: {vatNumber}</span> : null}
      </address>
    </div>
  );
}

function TotalRow({ label, children, strong = false }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-6 py-1 ${strong ? 'border-t border-neutral-300 pt-2 text-lg font-semibold' : ''}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

/**
 * An invoice or credit note with the contents of art. 226 VAT Directive, for the buyer and for staff:
 * issue date and number, seller and buyer as at issue, every licence with its image, size and
 * terms, the taxable amount and VAT per rate, the totals, the VAT note, and where payment stands.
 * The print styles (print: variants) leave only this document on paper.
 */
export function InvoiceDocument({
  view,
  pdfHref,
  backLink,
  invoiceHref,
}: {
  view: TInvoiceView;
  pdfHref: string;
  backLink: { href: string; label: string };
  /** The page of another invoice or credit note (the one this credits, or the one that credits this). */
  invoiceHref: (id: string) => string;
}) {
  const { invoice, lines, status } = view;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const title = `${invoiceKindLabels[invoice.kind]} ${invoice.number}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4 print:hidden">
        <Link href={backLink.href} className={linkClass}>
          {backLink.label}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <PrintButton />
          {/* A plain link: the PDF is a download, not a page to prefetch. */}
          <a href={pdfHref} className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-base font-semibold text-white hover:bg-brand-800">
            Download PDF<span className="sr-only"> of {title}</span>
          </a>
        </div>
      </div>

      <article aria-labelledby="invoice-title" className="max-w-4xl rounded-lg border border-neutral-200 p-5 sm:p-8 print:max-w-none print:border-0 print:p-0">
        <header className="flex flex-col gap-6 sm:flex-row sm:justify-between">
          <Party heading="From" lines={[invoice.sellerName, ...sellerAddressLines(invoice.sellerAddress)]} vatNumber={invoice.sellerVatNumber} />
          <div className="sm:text-right">
            <h1 id="invoice-title" className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">
              {title}
            </h1>
            <dl className="mt-2 space-y-0.5 text-base text-neutral-800">
              <div>
                <dt className="inline">Issue date: </dt>
                <dd className="inline">
                  <DateText value={invoice.issueDate} />
                </dd>
              </div>
              {invoice.dueDate ? (
                <div>
                  <dt className="inline">Due date: </dt>
                  <dd className="inline">
                    <DateText value={invoice.dueDate} />
                  </dd>
                </div>
              ) : null}
              <div className="pt-1">
                <dt className="sr-only">Payment status</dt>
                <dd>
                  <PaymentBadge state={status.state} label={status.label} />
                </dd>
              </div>
            </dl>
          </div>
        </header>

        <div className="mt-8">
          <Party heading={invoice.kind === 'credit_note' ? 'Credited to' : 'Bill to'} lines={buyerLines(invoice)} vatNumber={invoice.buyerVatNumber} />
        </div>

        {invoice.kind === 'credit_note' ? (
          <section aria-label="What this credit note corrects" className="mt-6 rounded-lg border border-neutral-200 bg-neutral-50 p-4">
            <p className="font-medium text-ink">
              This credit note cancels{' '}
              {view.creditedInvoice ? (
                <>
                  invoice{' '}
                  <Link href={invoiceHref(view.creditedInvoice.id)} className={linkClass}>
                    {view.creditedInvoice.number}
                  </Link>{' '}
                  of <DateText value={view.creditedInvoice.issueDate} />
                </>
              ) : (
                'an earlier invoice'
              )}
              .
            </p>
            {invoice.reason ? <p className="mt-1 break-words text-neutral-800">Reason: {invoice.reason}</p> : null}
          </section>
        ) : null}

        <div className="mt-8 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Licences on {title}</caption>
            <thead className="border-b border-neutral-300 text-neutral-700">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Licence
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  VAT rate
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Net
                </th>
                <th scope="col" className="py-2 pl-3 text-right font-medium">
                  VAT
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-200 align-top">
              {lines.map((line) => (
                <tr key={line.position}>
                  <td className="py-3 pr-3">
                    <div className="flex gap-3">
                      {line.imageId !== null && line.imagePublished ? (
                        <img src={thumbnailUrl(line.imageId)} alt="" width={64} height={64} className="h-16 w-16 shrink-0 rounded object-cover print:hidden" />
                      ) : null}
                      <p className="break-words text-ink">{line.description}</p>
                    </div>
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums">{formatVatRate(line.vatRateBasisPoints)}</td>
                  <td className="px-3 py-3 text-right tabular-nums">{money(line.netMinor)}</td>
                  <td className="py-3 pl-3 text-right tabular-nums">{money(line.vatMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <div className="mt-6 grid gap-6 border-t border-neutral-300 pt-4 sm:grid-cols-2">
          <table className="text-left text-sm">
            <caption className="pb-1 text-left text-sm font-semibold text-neutral-700">VAT summary</caption>
            <thead className="text-neutral-700">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Rate
                </th>
                <th scope="col" className="px-3 py-1 text-right font-medium">
                  Taxable amount
                </th>
                <th scope="col" className="py-1 pl-3 text-right font-medium">
                  VAT
                </th>
              </tr>
            </thead>
            <tbody>
              {view.vatBreakdown.map((row) => (
                <tr key={row.rateBasisPoints}>
                  <td className="py-1 pr-3">{formatVatRate(row.rateBasisPoints)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{money(row.netMinor)}</td>
                  <td className="py-1 pl-3 text-right tabular-nums">{money(row.vatMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="text-base text-ink">
            <TotalRow label="Net total">{money(invoice.netTotalMinor)}</TotalRow>
            <TotalRow label="VAT total">{money(invoice.vatTotalMinor)}</TotalRow>
            <TotalRow label={invoice.kind === 'credit_note' ? 'Total credited' : 'Total'} strong>
              {money(invoice.grossTotalMinor)}
            </TotalRow>
          </dl>
        </div>

        {invoice.vatNote ? <p className="mt-6 rounded-lg bg-brand-50 p-4 font-semibold text-ink">{invoice.vatNote}</p> : null}

        <section aria-labelledby="payment-heading" className="mt-6 border-t border-neutral-200 pt-4 text-base">
          <h2 id="payment-heading" className="font-semibold text-ink">
            Payment
          </h2>
          {invoice.kind === 'credit_note' ? (
            <p className="mt-1 text-neutral-800">Nothing is due on a credit note: it settles the invoice it cancels.</p>
          ) : (
            <div className="mt-1 space-y-1 text-neutral-800">
              {status.state === 'paid' ? <p>Paid in full: {money(status.paidMinor)} received.</p> : null}
              {status.state === 'unpaid' || status.state === 'overdue' ? (
                <p className={status.state === 'overdue' ? 'font-semibold text-red-800' : ''}>
                  {money(status.dueMinor)} {status.state === 'overdue' ? 'was due on' : 'is due by'} <DateText value={invoice.dueDate!} />
                  {status.paidMinor > 0 ? ` (${money(status.paidMinor)} received so far)` : ''}.
                </p>
              ) : null}
              {view.creditNote ? (
                <p>
                  Cancelled by credit note{' '}
                  <Link href={invoiceHref(view.creditNote.id)} className={linkClass}>
                    {view.creditNote.number}
                  </Link>
                  {status.paidMinor > 0 ? `; ${money(status.paidMinor)} had been received` : ''}.
                </p>
              ) : null}
              {view.payments.length > 0 ? (
                <ul className="list-inside list-disc text-sm text-neutral-700">
                  {view.payments.map((payment, index) => (
                    <li key={index}>
                      {money(payment.amountMinor)} on <DateText value={payment.paidOn} /> ({payment.method.replaceAll('_', ' ')})
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )}
          <p className="mt-3 text-sm text-neutral-700">
            VAT treatment: {vatTreatmentLabels[invoice.vatTreatment]}. Amounts in {invoice.currency}. Licences granted under the licence terms version{' '}
            {invoice.licenceTermsVersion}.
          </p>
        </section>
      </article>
    </div>
  );
}
