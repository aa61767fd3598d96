import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { linkClass } from '@/app/_components/link-class';
import { requireUser } from '@/lib/auth/guards';
import { formatMoney } from '@/lib/format/money';
import { formatCount } from '@/lib/format/number';
import { vatNoteFor } from '@/lib/invoices/vat-notes';
import { getMyOrder } from '@/lib/orders/my-orders';
import { paymentMethodLabel } from '@/lib/payments/payment-providers';
import { countryName } from '../../_components/format';
import { PageHeader } from '../../_components/page-header';
import { Timestamp } from '../../_components/timestamp';
import { ORDER_STATUS_LABELS, OrderStatusBadge } from '../order-status';
import { LicenceLinesTable } from '@/app/_components/licence-lines-table';

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Order' };

const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('en-IE', { maximumFractionDigits: 2 })} %`;

/** One of the customer's orders; another customer's id is a 404, as is an unknown one (and is logged). */
export default async function OrderPage({ params, searchParams }: TProps) {
  const { id } = await params;
  const actor = await requireUser(`/account/orders/${encodeURIComponent(id)}`);
  const found = await getMyOrder(actor, id);
  if (!found) notFound();
  const { order, lines, events, invoices } = found;
  const justPlaced = (await searchParams).placed === '1';
  const money = (minor: number) => formatMoney(minor, order.currency);
  const vatNote = vatNoteFor(order.vatTreatment);

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/account/orders" className={linkClass}>
          ← All orders
        </Link>
      </nav>
      <PageHeader title={`Order ${order.number}`}>
        <p className="flex flex-wrap items-center gap-3">
          <OrderStatusBadge status={order.status} />
          <span>
            Placed <Timestamp value={order.submittedAt} />
          </span>
        </p>
      </PageHeader>

      {justPlaced ? (
        <div role="status" className="max-w-3xl rounded-md border-l-4 border-brand-700 bg-brand-50 p-4 text-brand-800">
          <p className="font-medium">Thank you: your order is placed.</p>
          <p className="mt-1 text-sm">
            {order.status === 'awaiting_approval'
              ? 'Our team checks it before it is approved; we write to you then. A confirmation is on its way to your e-mail address.'
              : 'It is approved and its invoice has been issued. A confirmation is on its way to your e-mail address.'}
          </p>
        </div>
      ) : null}

      {order.status === 'rejected' && order.rejectionReason ? (
        <div className="max-w-3xl rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-800">
          <p className="font-medium">This order was rejected.</p>
          <p className="mt-1 text-sm break-words whitespace-pre-line">{order.rejectionReason}</p>
        </div>
      ) : null}

      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading" className="text-lg font-semibold text-ink">
          Licences
        </h2>
        <div className="mt-3 overflow-x-auto">
          <LicenceLinesTable
            rows={
              <>
              {lines.map((line) => (
                <tr key={line.id} className="border-b border-neutral-200 align-top">
                  <td className="py-2 pr-3">
                    {line.imageId ? (
                      <Link href={`/images/${line.imageId}`} className="font-medium break-words text-ink hover:text-brand-700 hover:underline">
                        {line.imageTitle}
                      </Link>
                    ) : (
                      <span className="font-medium break-words text-ink">{line.imageTitle}</span>
                    )}
                    <span className="block text-neutral-700">
                      Royalty-free, size {line.tier}, {formatCount(line.widthPx)} × {formatCount(line.heightPx)} px
                    </span>
                    {line.discountMinor > 0 ? (
                      <span className="block text-neutral-700">
                        List price {money(line.listPriceMinor)}, discount {money(line.discountMinor)}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{money(line.netMinor)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{percent(line.vatRateBasisPoints)}</td>
                  <td className="py-2 text-right tabular-nums">{money(line.vatMinor)}</td>
                </tr>
              ))}
              </>
            }
            totals={
              <>
              <TotalRow label="Total before VAT">{money(order.netTotalMinor)}</TotalRow>
              <TotalRow label="VAT">{money(order.vatTotalMinor)}</TotalRow>
              <TotalRow label="Total" strong>
                {money(order.grossTotalMinor)}
              </TotalRow>
              </>
            }
          />
        </div>
        {vatNote ? <p className="mt-3 text-sm text-neutral-700">{vatNote}</p> : null}
      </section>

      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="billing-heading">
          <h2 id="billing-heading" className="text-lg font-semibold text-ink">
            Billing details
          </h2>
          <p className="mt-1 text-sm text-neutral-700">As given at checkout; they go on the invoice.</p>
          <address className="mt-3 text-sm break-words text-ink not-italic">
            {order.billingName}
            {order.billingCompany ? <span className="block">{order.billingCompany}</span> : null}
            <span className="block">{order.billingAddressLine1}</span>
            {order.billingAddressLine2 ? <span className="block">{order.billingAddressLine2}</span> : null}
            <span className="block">
              {order.billingPostalCode} {order.billingCity}
            </span>
            <span className="block">{countryName(order.billingCountryCode)}</span>
            {order.billingVatNumber ? <span className="block">VAT number {order.billingVatNumber}</span> : null}
            <span className="block">{order.billingEmail}</span>
          </address>
        </section>

        <section aria-labelledby="payment-heading">
          <h2 id="payment-heading" className="text-lg font-semibold text-ink">
            Payment and licence
          </h2>
          <dl className="mt-3 space-y-2 text-sm">
            <div>
              <dt className="text-neutral-700">Payment</dt>
              <dd className="text-ink">{paymentMethodLabel(order.paymentMethod)}</dd>
            </div>
            <div>
              <dt className="text-neutral-700">Licence terms accepted</dt>
              <dd className="text-ink">
                Version {order.licenceTermsVersion}, <Timestamp value={order.licenceAcceptedAt} />
              </dd>
            </div>
            <div>
              <dt className="text-neutral-700">Invoice</dt>
              <dd className="text-ink">
                {invoices.length === 0 ? (
                  order.status === 'awaiting_approval' ? 'Issued when the order is approved.' : 'None.'
                ) : (
                  <ul>
                    {invoices.map((invoice) => (
                      <li key={invoice.id}>
                        <Link href={`/account/invoices/${invoice.id}`} className={linkClass}>
                          {invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {invoice.number}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </section>
      </div>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold text-ink">
          History
        </h2>
        <ol className="mt-3 space-y-3 border-l-2 border-neutral-200 pl-4">
          {events.map((event) => (
            <li key={event.id} className="text-sm">
              <p className="font-medium text-ink">{ORDER_STATUS_LABELS[event.status]}</p>
              <p className="text-neutral-700">
                <Timestamp value={event.occurredAt} />
              </p>
              {event.note ? <p className="mt-1 break-words whitespace-pre-line text-neutral-800">{event.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function TotalRow({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <tr>
      <th scope="row" colSpan={3} className={`pt-2 pr-3 text-right ${strong ? 'text-base font-semibold text-ink' : 'font-medium text-neutral-700'}`}>
        {label}
      </th>
      <td className={`pt-2 text-right tabular-nums ${strong ? 'text-base font-semibold text-ink' : ''}`}>{children}</td>
    </tr>
  );
}
