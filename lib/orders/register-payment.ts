import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { invoicePayments, orderEvents, orders } from '@/db/schema';
import { db } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import { refreshInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { queueMail } from '@/lib/mail/send-mail';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { assertCustomerNotRestricted, assertOrderDesk, auditOrderChange, invoiceOfOrder, moveOrder, orderRecipient, ordersUrl, paidMinorOf, parseOrderId } from './change-order-status';
import { canTransition, orderStatusLabels, PAYABLE_STATUSES } from './order-transitions';

export const paymentMethods = {
  bank_transfer: 'Bank transfer',
  card: 'Card',
  cash: 'Cash',
  other: 'Other',
} as const;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export const ZPaymentForm = z.object({
  paidOn: z
    .string({ error: 'Enter the date the payment arrived.' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date the payment arrived, like 2026-12-01.')
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && isoDay(new Date(`${value}T00:00:00Z`)) === value, 'Enter a real date, like 2026-12-01.')
    .refine((value) => value >= '2000-01-01', 'Enter the date the payment arrived, like 2026-12-01.')
    // A day of slack: staff east of UTC are already in tomorrow.
    .refine((value) => value <= isoDay(new Date(Date.now() + 86_400_000)), 'A payment cannot arrive in the future.'),
  amount: z
    .string({ error: 'Enter the amount received.' })
    .trim()
    .regex(/^\d{1,7}(?:[.,]\d{1,2})?$/, 'Enter the amount received, like 47.19.')
    .transform((value) => {
      const [whole, fraction = ''] = value.replace(',', '.').split('.');
      return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    })
    .refine((minor) => minor > 0, 'Enter an amount above zero.'),
  method: z.enum(Object.keys(paymentMethods) as [keyof typeof paymentMethods, ...(keyof typeof paymentMethods)[]], { error: 'Choose how it was paid.' }),
  reference: z.string().trim().max(200, 'Keep the reference under 200 characters.').default(''),
});

export type TRegisteredPayment = { paymentId: string; paidInFull: boolean; outstandingMinor: number; currency: string; status: string };

/**
 * Registers a payment against the order's invoice. The order's row is locked first, so two
 * payments registered at once are added one after the other and cannot together exceed the
 * invoice. Over-payment is refused: an amount above what is still open is a typing error or a
 * refund case, not something to book silently. When the payments reach the invoice's gross
 * total, an open order becomes paid (the guarded update of the state machine); a delivered one
 * (pay-later customer) stays delivered. A cancelled or credited invoice takes no payment.
 */
export async function registerPayment(actor: TStaffActor, rawOrderId: unknown, form: unknown): Promise<TRegisteredPayment> {
  assertOrderDesk(actor);
  const orderId = parseOrderId(rawOrderId);
  const { paidOn, amount, method, reference } = ZPaymentForm.parse(form);
  let invoiceId = '';
  const registered = await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) throw notFound('order');
    await assertCustomerNotRestricted(tx, order.customerUserId);
    if (!(PAYABLE_STATUSES as readonly string[]).includes(order.status)) {
      throw new AppError('CONFLICT', `This order is ${orderStatusLabels[order.status].toLowerCase()}: no payment can be registered.`);
    }
    const invoice = await invoiceOfOrder(tx, orderId);
    if (!invoice) throw new AppError('CONFLICT', 'This order has no invoice yet: approve it first.');
    if (invoice.creditNote) throw new AppError('CONFLICT', `Invoice ${invoice.number} is cancelled by credit note ${invoice.creditNote.number}: no payment can be registered.`);
    const outstandingBefore = invoice.grossTotalMinor - (await paidMinorOf(tx, invoice.id));
    if (outstandingBefore <= 0) throw new AppError('CONFLICT', `Invoice ${invoice.number} is paid in full already.`);
    if (amount > outstandingBefore) {
      throw new AppError('INVALID_INPUT', 'Please correct the marked fields.', { amount: `That is more than the ${formatMoney(outstandingBefore, invoice.currency)} still open on invoice ${invoice.number}.` });
    }

    const [payment] = await tx
      .insert(invoicePayments)
      .values({ invoiceId: invoice.id, paidOn, amountMinor: amount, method, reference, registeredBy: actor.userId })
      .returning({ id: invoicePayments.id });
    const outstandingMinor = outstandingBefore - amount;
    const paidInFull = outstandingMinor === 0;
    const note = `Payment of ${formatMoney(amount, invoice.currency)} received on ${paidOn} (${paymentMethods[method]})`;
    let status: string = order.status;
    if (paidInFull && canTransition('pay', order.status)) {
      status = (await moveOrder(tx, actor, orderId, 'pay', { note })).status;
    } else {
      // No change of state, but the history shows every payment.
      await tx.insert(orderEvents).values({ orderId, status: order.status, note, actorUserId: actor.userId });
    }
    await auditOrderChange(tx, actor, order, 'order.payment-registered', status === order.status ? ['payments'] : ['payments', 'status']);
    const recipient = await orderRecipient(tx, order.customerUserId);
    await queueMail(tx, {
      template: 'order-payment-received',
      to: recipient.to,
      subjectUserId: order.customerUserId,
      data: {
        name: recipient.name,
        orderNumber: order.number,
        ordersUrl: ordersUrl(),
        invoiceNumber: invoice.number,
        amount: formatMoney(amount, invoice.currency),
        outstanding: formatMoney(outstandingMinor, invoice.currency),
        paidInFull,
      },
    });
    invoiceId = invoice.id;
    return { paymentId: payment!.id, paidInFull, outstandingMinor, currency: invoice.currency, status };
  });
  // The invoice's PDF shows what was received.
  await refreshInvoicePdfs([invoiceId]);
  return registered;
}
