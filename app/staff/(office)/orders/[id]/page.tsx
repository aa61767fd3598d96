import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import { priceListChoices } from '@/lib/orders/customer-terms';
import { openStaffOrder } from '@/lib/orders/open-staff-order';
import { canTransition, PAYABLE_STATUSES } from '@/lib/orders/order-transitions';
import { paymentMethods } from '@/lib/orders/register-payment';
import { requireStaff } from '@/lib/staff/require-staff';
import { approveOrderAction, cancelOrderAction, markDeliveredAction, registerPaymentAction, rejectOrderAction, saveCustomerTermsAction } from '../actions';
import { ButtonPanel, CustomerTermsForm, PaymentPanel, ReasonPanel } from '../order-forms';
import { MismatchFlag, StatusBadge } from '../status-badge';
import { Empty, Item, Section, Table } from '../../_components/detail-parts';

export const metadata: Metadata = { title: 'Order' };

type TProps = { params: Promise<{ id: string }> };

const VAT_TREATMENTS = {
  domestic: "Seller's country: the seller's rate",
  oss_destination: "Consumer in another EU country: that country's rate (OSS)",
  under_threshold: "Consumer in another EU country, seller under the EU-wide threshold: the seller's rate",
  reverse_charge: 'Business in another EU country: reverse charge (0%)',
  export: 'Outside the EU: not taxed here (0%)',
} as const;

const TIERS = { S: 'S', M: 'M', L: 'L', XL: 'XL' } as const;

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string | null) => {
  if (!code) return null;
  try {
    return `${countryNames.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
};

const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('en-IE', { maximumFractionDigits: 2 })}%`;

export default async function OrderPage({ params }: TProps) {
  const { id: rawId } = await params;
  const id = z.uuid().safeParse(rawId).success ? rawId : null;
  const actor = await requireStaff('orders.manage', id ? `/staff/orders/${id}` : '/staff/orders/[id]');
  if (!id) notFound();
  let record;
  try {
    record = await openStaffOrder(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const { order, customer, lines, events, invoice, creditNote, payments, paidMinor, outstandingMinor, terms } = record;
  const money = (minor: number) => formatMoney(minor, order.currency);
  const priceLists = await priceListChoices(actor);
  const openInvoice = invoice !== null && creditNote === null;
  const address = [order.billingAddressLine1, order.billingAddressLine2, `${order.billingPostalCode} ${order.billingCity}`, countryName(order.billingCountryCode)].filter(Boolean);
  const canDeliver = canTransition('deliver', order.status) && openInvoice && (terms.mayPayLater || outstandingMinor === 0);

  return (
    <div className="space-y-10">
      <PageHeader title={`Order ${order.number}`}>
        <p className="flex flex-wrap items-center gap-3">
          <StatusBadge status={order.status} />
          <span>
            Placed <Timestamp value={order.submittedAt} />
          </span>
          {order.locationMismatch ? <MismatchFlag /> : null}
          <Link href="/staff/orders" className={linkClass}>
            Back to the orders
          </Link>
        </p>
      </PageHeader>

      {customer.restrictedAt ? (
        <p role="status" className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
          <strong>Processing restricted.</strong> The customer asked to restrict the processing of their account (GDPR art. 18) on <Timestamp value={customer.restrictedAt} />. This order is kept, but it cannot be approved, rejected, paid, delivered or cancelled until a privacy officer lifts the restriction.
        </p>
      ) : null}

      <Section id="actions" title="Actions">
        <div className="grid gap-4 lg:grid-cols-2">
          <ButtonPanel
            action={approveOrderAction}
            orderId={order.id}
            available={canTransition('approve', order.status)}
            title="Approve"
            description="Issues the invoice (or keeps the one issued at checkout) and tells the customer how to pay or download."
            label="Approve and invoice"
            pendingLabel="Approving…"
          />
          <ReasonPanel
            action={rejectOrderAction}
            orderId={order.id}
            available={canTransition('reject', order.status) && invoice === null}
            title="Reject"
            description="For an order not yet invoiced. The reason is mailed to the customer."
            field="rejectionReason"
            label="Reject the order"
            pendingLabel="Rejecting…"
          />
          <PaymentPanel
            action={registerPaymentAction}
            orderId={order.id}
            available={(PAYABLE_STATUSES as readonly string[]).includes(order.status) && openInvoice && outstandingMinor > 0}
            title="Register a payment"
            description="A payment received against the invoice. When the payments reach its total, the order is paid."
            methods={Object.entries(paymentMethods).map(([value, label]) => ({ value, label }))}
            today={new Date().toISOString().slice(0, 10)}
            outstanding={money(outstandingMinor)}
          />
          <ButtonPanel
            action={markDeliveredAction}
            orderId={order.id}
            available={canDeliver}
            title="Mark delivered"
            description={terms.mayPayLater && outstandingMinor > 0 ? 'This customer may pay later: the order can be delivered before the invoice is paid.' : 'The invoice is paid in full.'}
            label="Mark delivered"
            pendingLabel="Saving…"
          />
          <ReasonPanel
            action={cancelOrderAction}
            orderId={order.id}
            available={canTransition('cancel', order.status)}
            title="Cancel"
            description={openInvoice ? `Issues a credit note that cancels invoice ${invoice.number}. The reason is mailed to the customer.` : 'Nothing is invoiced yet. The reason is mailed to the customer.'}
            field="cancellationReason"
            label="Cancel the order"
            pendingLabel="Cancelling…"
          />
        </div>
        {!canTransition('cancel', order.status) ? <p className="text-sm text-neutral-700">This order is closed: nothing more can be changed.</p> : null}
        {canTransition('deliver', order.status) && openInvoice && !canDeliver ? (
          <p className="text-sm text-neutral-700">It can be marked delivered once the invoice is paid in full (this customer pays before delivery).</p>
        ) : null}
      </Section>

      <Section id="documents" title="Invoice and payments">
        {invoice ? (
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
            <Item label="Invoice">
              <Link href={`/staff/invoices/${invoice.id}`} className={`${linkClass} font-mono`}>
                {invoice.number}
              </Link>{' '}
              issued {invoice.issueDate}, due {invoice.dueDate}, {money(invoice.grossTotalMinor)}
            </Item>
            <Item label="Credit note">
              {creditNote ? (
                <>
                  <Link href={`/staff/invoices/${creditNote.id}`} className={`${linkClass} font-mono`}>
                    {creditNote.number}
                  </Link>{' '}
                  issued {creditNote.issueDate}, {money(creditNote.grossTotalMinor)}
                  {creditNote.reason ? ` (${creditNote.reason})` : ''}
                </>
              ) : null}
            </Item>
            <Item label="Paid">{money(paidMinor)}</Item>
            <Item label="Still open">{creditNote ? 'Nothing: the invoice is cancelled' : money(outstandingMinor)}</Item>
          </dl>
        ) : (
          <Empty>No invoice yet: it is issued when the order is approved.</Empty>
        )}
        {payments.length > 0 ? (
          <Table caption="Payments registered, oldest first" headings={['Received', 'Amount', 'Method', 'Reference', 'Registered']}>
            {payments.map((payment) => (
              <tr key={payment.id}>
                <td className="py-2 pr-4 whitespace-nowrap">{payment.paidOn}</td>
                <td className="py-2 pr-4 tabular-nums">{money(payment.amountMinor)}</td>
                <td className="py-2 pr-4">{paymentMethods[payment.method as keyof typeof paymentMethods] ?? payment.method}</td>
                <td className="py-2 pr-4 break-all">{payment.reference || '—'}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  <Timestamp value={payment.registeredAt} />
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Section>

      <Section id="lines" title="Licences">
        <Table caption="Licences in this order" headings={['#', 'Image', 'Size', 'Net', 'VAT rate', 'VAT']}>
          {lines.map((line) => (
            <tr key={line.id}>
              <td className="py-2 pr-4">{line.position}</td>
              <td className="py-2 pr-4">
                {line.imageTitle}
                <span className="block text-neutral-700">{line.licenceModel === 'royalty_free' ? 'Royalty-free' : 'Rights-managed'}{line.imageId ? `, image ${line.imageId}` : ''}</span>
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {TIERS[line.tier]}, {line.widthPx} × {line.heightPx} px
              </td>
              <td className="py-2 pr-4 tabular-nums">
                {money(line.netMinor)}
                {line.discountMinor > 0 ? <span className="block text-neutral-700">list {money(line.listPriceMinor)}, less {money(line.discountMinor)}</span> : null}
              </td>
              <td className="py-2 pr-4">{percent(line.vatRateBasisPoints)}</td>
              <td className="py-2 pr-4 tabular-nums">{money(line.vatMinor)}</td>
            </tr>
          ))}
        </Table>
        <dl className="ml-auto grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
          <dt>Net</dt>
          <dd className="text-right tabular-nums">{money(order.netTotalMinor)}</dd>
          <dt>VAT</dt>
          <dd className="text-right tabular-nums">{money(order.vatTotalMinor)}</dd>
          <dt className="font-semibold">Total</dt>
          <dd className="text-right font-semibold tabular-nums">{money(order.grossTotalMinor)}</dd>
        </dl>
      </Section>

      <Section id="billing" title="Billing details (as given at checkout)">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
          <Item label="Name">{order.billingName}</Item>
          <Item label="Company">{order.billingCompany}</Item>
          <Item label="E-mail">{order.billingEmail}</Item>
          <Item label="Address">{address.map((line) => <span key={line} className="block">{line}</span>)}</Item>
          <Item label="VAT number">{order.billingVatNumber}</Item>
          <Item label="Account">
            {customer.fullName} <span className="break-all text-neutral-700">({customer.email})</span>
          </Item>
          <Item label="Payment">{order.paymentMethod === 'invoice' ? 'By invoice' : order.paymentMethod}</Item>
          <Item label="Licence terms">
            version {order.licenceTermsVersion}, accepted <Timestamp value={order.licenceAcceptedAt} />
          </Item>
        </dl>
      </Section>

      <Section id="vat" title="VAT treatment and location evidence">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
          <Item label="Treatment">{VAT_TREATMENTS[order.vatTreatment]}</Item>
          <Item label="Billing country">{countryName(order.billingCountryCode)}</Item>
          <Item label="Country of the IP address">{countryName(order.ipCountryCode) ?? 'Unknown'}</Item>
          <Item label="Evidence">
            {order.locationMismatch ? (
              <span className="flex flex-wrap items-center gap-2">
                <MismatchFlag /> The billing country and the IP address&apos;s country differ: check the customer&apos;s location before approving.
              </span>
            ) : (
              'The two pieces of evidence agree.'
            )}
          </Item>
        </dl>
      </Section>

      <Section id="history" title="History">
        <ol className="space-y-3">
          <li className="text-sm">
            <Timestamp value={order.submittedAt} />: placed by the customer
          </li>
          {events.map((event) => (
            <li key={event.id} className="text-sm">
              <Timestamp value={event.occurredAt} />: <StatusBadge status={event.status} /> {event.actorName ? `by ${event.actorName}${event.actorKind === 'staff' ? ' (staff)' : ''}` : ''}
              {event.note ? <span className="block text-neutral-700">{event.note}</span> : null}
            </li>
          ))}
        </ol>
      </Section>

      <Section id="terms" title="Commercial terms of this customer">
        <p className="text-sm text-neutral-700">
          {terms.updatedAt ? (
            <>
              Last changed <Timestamp value={terms.updatedAt} />.
            </>
          ) : (
            'Standard terms: approval needed, payment before download, standard prices.'
          )}
        </p>
        <CustomerTermsForm action={saveCustomerTermsAction} customerId={customer.id} terms={terms} priceLists={priceLists} />
      </Section>
    </div>
  );
}
