/**
 * The order state machine at the staff order desk: every transition allowed and refused (also out
 * of the final states), the guarded update under concurrency, payments (partial, full, over-payment
 * refused, none on a credited invoice), the credit note on cancel, order events, audit entries
 * (ids and field names only) and the outbox mail of each change.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, customerTerms, invoicePayments, invoices, mailOutbox, orderEvents, orders } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { approveOrder } from '@/lib/orders/approve-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { markOrderDelivered } from '@/lib/orders/mark-delivered';
import { orderTransitions, type TOrderStatus } from '@/lib/orders/order-transitions';
import { registerPayment } from '@/lib/orders/register-payment';
import { rejectOrder } from '@/lib/orders/reject-order';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createCustomer } from '../../helpers/actor-factory';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

let sales: TStaffActor;
beforeAll(async () => {
  await setTestSeller();
  sales = await staffActorFor('sales');
});

/** The default test order: one line of €39.00 at 21% VAT. */
const GROSS = 3900 + 819;
const today = () => new Date().toISOString().slice(0, 10);
const payment = (amount: string, extra: Record<string, string> = {}) => ({ paidOn: today(), amount, method: 'bank_transfer', reference: 'BANK-REF-1', ...extra });

async function orderIn(status: TOrderStatus, options: { mayPayLater?: boolean } = {}) {
  const customer = await createCustomer();
  if (options.mayPayLater) await db.insert(customerTerms).values({ userId: customer.userId, mayPayLater: true });
  const order = await createOrder(customer.userId, { status: 'awaiting_approval' });
  // Reach the state through the use cases, so the order has the invoice and payments the state implies.
  if (status === 'submitted') await db.update(orders).set({ status: 'submitted' }).where(eq(orders.id, order.orderId));
  if (['approved', 'paid', 'delivered', 'cancelled'].includes(status)) await approveOrder(sales, order.orderId);
  if (status === 'paid' || (status === 'delivered' && !options.mayPayLater)) await registerPayment(sales, order.orderId, payment('47.19'));
  if (status === 'delivered') await markOrderDelivered(sales, order.orderId);
  if (status === 'rejected') await rejectOrder(sales, order.orderId, { rejectionReason: 'Not for this use' });
  if (status === 'cancelled') await cancelOrder(sales, order.orderId, { cancellationReason: 'Ordered twice' });
  expect(await statusOf(order.orderId)).toBe(status);
  return { ...order, customer };
}

const statusOf = async (orderId: string) => (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]?.status;
const invoicesOf = (orderId: string) => db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(invoices.issuedAt);
const eventsOf = (orderId: string) => db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
const auditOf = (orderId: string) => db.select().from(auditTrail).where(and(eq(auditTrail.objectType, 'order'), eq(auditTrail.objectId, orderId))).orderBy(auditTrail.id);
const mailsOf = (userId: string) => db.select({ template: mailOutbox.template }).from(mailOutbox).where(eq(mailOutbox.subjectUserId, userId)).orderBy(mailOutbox.createdAt);

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const ALL_STATUSES: TOrderStatus[] = ['submitted', 'awaiting_approval', 'approved', 'rejected', 'paid', 'delivered', 'cancelled'];

describe('approving', () => {
  it('approves an order awaiting approval, issues one invoice, records the event and audit entry and queues the mail', async () => {
    const { orderId, customer } = await orderIn('awaiting_approval');
    const approved = await approveOrder(sales, orderId);
    expect(approved.invoiceNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(await statusOf(orderId)).toBe('approved');
    expect((await invoicesOf(orderId)).map((invoice) => [invoice.kind, invoice.number])).toEqual([['invoice', approved.invoiceNumber]]);
    expect((await eventsOf(orderId)).map((event) => [event.status, event.actorUserId])).toEqual([['approved', sales.userId]]);
    const entries = await auditOf(orderId);
    expect(entries.map((entry) => [entry.action, entry.actorKind, entry.actorUserId, entry.subjectUserId, entry.details])).toEqual([
      ['order.approved', 'staff', sales.userId, customer.userId, { changedFields: ['status'] }],
    ]);
    expect(await mailsOf(customer.userId)).toEqual([{ template: 'order-approved' }]);
  });

  it('of two approvals at once, exactly one succeeds and one invoice is issued', async () => {
    const { orderId } = await orderIn('awaiting_approval');
    const other = await staffActorFor('sales');
    const results = await Promise.allSettled([approveOrder(sales, orderId), approveOrder(other, orderId)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((result) => result.status === 'rejected');
    expect(failed?.reason).toBeInstanceOf(AppError);
    expect((failed!.reason as AppError).userMessage).toBe('This order is approved: it cannot be approved.');
    expect(await invoicesOf(orderId)).toHaveLength(1);
    expect(await eventsOf(orderId)).toHaveLength(1);
    expect(await auditOf(orderId)).toHaveLength(1);
  });

  it('of ten parallel approvals and rejections of one order, exactly one wins', async () => {
    const { orderId } = await orderIn('awaiting_approval');
    const attempts = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? approveOrder(sales, orderId) : rejectOrder(sales, orderId, { rejectionReason: 'Not available' })));
    const results = await Promise.allSettled(attempts);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await eventsOf(orderId)).toHaveLength(1);
    const status = await statusOf(orderId);
    expect((await invoicesOf(orderId)).length).toBe(status === 'approved' ? 1 : 0);
  });

  it('keeps the invoice issued at checkout when an order placed without approval is approved', async () => {
    const { orderId } = await orderIn('submitted');
    const issuedAtCheckout = await db.transaction(async (tx) => (await import('@/lib/invoices/issue-invoice')).issueInvoice(tx, orderId));
    const approved = await approveOrder(sales, orderId);
    expect(approved.invoiceNumber).toBe(issuedAtCheckout.number);
    expect(await invoicesOf(orderId)).toHaveLength(1);
  });

  it.each(ALL_STATUSES.filter((status) => !(orderTransitions.approve.from as readonly string[]).includes(status)))('is refused from %s, changing nothing', async (status) => {
    const { orderId } = await orderIn(status);
    const before = { events: (await eventsOf(orderId)).length, invoices: (await invoicesOf(orderId)).length };
    const error = await refusal(approveOrder(sales, orderId));
    expect(error.code).toBe('CONFLICT');
    expect(error.userMessage).toMatch(/^This order is .+: it cannot be approved\.$/);
    expect(await statusOf(orderId)).toBe(status);
    expect({ events: (await eventsOf(orderId)).length, invoices: (await invoicesOf(orderId)).length }).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown or malformed id, and refuses a role without orders.manage', async () => {
    expect((await refusal(approveOrder(sales, '00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND');
    expect((await refusal(approveOrder(sales, "1' or '1'='1"))).code).toBe('NOT_FOUND');
    const { orderId } = await orderIn('awaiting_approval');
    for (const role of ['catalog', 'admin', 'privacy_officer'] as const) {
      expect((await refusal(approveOrder(await staffActorFor(role), orderId))).code).toBe('FORBIDDEN');
    }
    expect(await statusOf(orderId)).toBe('awaiting_approval');
  });

  it('rolls back the status change when the invoice cannot be issued (no seller details)', async () => {
    const { orderId } = await orderIn('awaiting_approval');
    await db.execute(sql`update site_settings set value = jsonb_set(value, '{vatNumber}', '""') where key = 'seller.details'`);
    try {
      expect((await refusal(approveOrder(sales, orderId))).code).toBe('CONFLICT');
    } finally {
      await setTestSeller();
    }
    expect(await statusOf(orderId)).toBe('awaiting_approval');
    expect(await eventsOf(orderId)).toEqual([]);
    expect(await auditOf(orderId)).toEqual([]);
  });
});

describe('rejecting', () => {
  it('needs a reason, keeps it on the order and in the history, and audits field names only', async () => {
    const { orderId, customer } = await orderIn('awaiting_approval');
    // Refused by the schema: the action shows its message next to the field.
    await expect(rejectOrder(sales, orderId, { rejectionReason: '  ' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['rejectionReason'], message: 'Give the reason; it is sent to the customer.' })] });
    await expect(rejectOrder(sales, orderId, {})).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['rejectionReason'] })] });
    expect(await statusOf(orderId)).toBe('awaiting_approval');

    await rejectOrder(sales, orderId, { rejectionReason: '  Editorial image, not for advertising  ' });
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ status: 'rejected', rejectionReason: 'Editorial image, not for advertising' });
    expect((await eventsOf(orderId)).map((event) => [event.status, event.note])).toEqual([['rejected', 'Editorial image, not for advertising']]);
    const entries = await auditOf(orderId);
    expect(entries.map((entry) => [entry.action, entry.details])).toEqual([['order.rejected', { changedFields: ['status', 'rejectionReason'] }]]);
    expect(JSON.stringify(entries)).not.toContain('Editorial');
    expect(await invoicesOf(orderId)).toEqual([]);
    expect(await mailsOf(customer.userId)).toEqual([{ template: 'order-rejected' }]);
  });

  it('refuses an order already invoiced (it is cancelled with a credit note instead)', async () => {
    const { orderId } = await orderIn('submitted');
    await db.transaction(async (tx) => (await import('@/lib/invoices/issue-invoice')).issueInvoice(tx, orderId));
    const error = await refusal(rejectOrder(sales, orderId, { rejectionReason: 'Too late' }));
    expect(error.userMessage).toMatch(/invoiced already .+ cancel it instead/);
    expect(await statusOf(orderId)).toBe('submitted');
  });

  it.each(ALL_STATUSES.filter((status) => !(orderTransitions.reject.from as readonly string[]).includes(status)))('is refused from %s', async (status) => {
    const { orderId } = await orderIn(status);
    expect((await refusal(rejectOrder(sales, orderId, { rejectionReason: 'Not now' }))).code).toBe('CONFLICT');
    expect(await statusOf(orderId)).toBe(status);
  });
});

describe('payments', () => {
  it('registers a partial payment (state unchanged, history noted), then the rest (paid)', async () => {
    const { orderId, customer } = await orderIn('approved');
    const first = await registerPayment(sales, orderId, payment('20,00', { method: 'card', reference: '' }));
    expect(first).toMatchObject({ paidInFull: false, outstandingMinor: GROSS - 2000, status: 'approved' });
    expect(await statusOf(orderId)).toBe('approved');
    const second = await registerPayment(sales, orderId, payment('27.19'));
    expect(second).toMatchObject({ paidInFull: true, outstandingMinor: 0, status: 'paid' });
    expect(await statusOf(orderId)).toBe('paid');

    const [invoice] = await invoicesOf(orderId);
    const payments = await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice!.id)).orderBy(invoicePayments.registeredAt);
    expect(payments.map((row) => [row.amountMinor, row.method, row.reference, row.registeredBy, row.paidOn])).toEqual([
      [2000, 'card', '', sales.userId, today()],
      [2719, 'bank_transfer', 'BANK-REF-1', sales.userId, today()],
    ]);
    expect((await eventsOf(orderId)).map((event) => [event.status, event.note])).toEqual([
      ['approved', null],
      ['approved', `Payment of €20.00 received on ${today()} (Card)`],
      ['paid', `Payment of €27.19 received on ${today()} (Bank transfer)`],
    ]);
    expect((await auditOf(orderId)).map((entry) => [entry.action, entry.details])).toEqual([
      ['order.approved', { changedFields: ['status'] }],
      ['order.payment-registered', { changedFields: ['payments'] }],
      ['order.payment-registered', { changedFields: ['payments', 'status'] }],
    ]);
    expect((await mailsOf(customer.userId)).map((mail) => mail.template)).toEqual(['order-approved', 'order-payment-received', 'order-payment-received']);
  });

  it('refuses over-payment, a payment on a paid invoice, and bad input with a message per field', async () => {
    const { orderId } = await orderIn('approved');
    const over = await refusal(registerPayment(sales, orderId, payment('47.20')));
    expect(over.fieldErrors).toEqual({ amount: expect.stringMatching(/^That is more than the €47\.19 still open on invoice \d{4}-\d{6}\.$/) });
    await registerPayment(sales, orderId, payment('47.19'));
    // Paid orders take no further payment (the state machine refuses before the amount is looked at).
    expect((await refusal(registerPayment(sales, orderId, payment('1.00')))).code).toBe('CONFLICT');

    const other = await orderIn('approved');
    for (const [form, field] of [
      [payment('0'), 'amount'],
      [payment('-5'), 'amount'],
      [payment('12.345'), 'amount'],
      [payment('1e3'), 'amount'],
      [payment('10', { paidOn: '2026-02-30' }), 'paidOn'],
      [payment('10', { paidOn: '2999-01-01' }), 'paidOn'],
      [payment('10', { method: 'bitcoin' }), 'method'],
      [payment('10', { reference: 'x'.repeat(201) }), 'reference'],
    ] as const) {
      const error = await registerPayment(sales, other.orderId, form).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, JSON.stringify(form)).toMatchObject({ issues: [expect.objectContaining({ path: [field] })] });
    }
    expect(await statusOf(other.orderId)).toBe('approved');
  });

  it('adds two payments registered at once one after the other: together they never exceed the invoice', async () => {
    const { orderId } = await orderIn('approved');
    const results = await Promise.allSettled([registerPayment(sales, orderId, payment('30.00')), registerPayment(sales, orderId, payment('30.00'))]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [invoice] = await invoicesOf(orderId);
    expect(await db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice!.id))).toHaveLength(1);
  });

  it('takes a payment for a pay-later order already delivered, which stays delivered', async () => {
    const { orderId } = await orderIn('delivered', { mayPayLater: true });
    const paid = await registerPayment(sales, orderId, payment('47.19'));
    expect(paid).toMatchObject({ paidInFull: true, status: 'delivered' });
    expect(await statusOf(orderId)).toBe('delivered');
  });

  it('refuses payments on an order without an invoice, and on cancelled, rejected and credited ones', async () => {
    expect((await refusal(registerPayment(sales, (await orderIn('awaiting_approval')).orderId, payment('1.00')))).userMessage).toBe('This order is awaiting approval: no payment can be registered.');
    const submitted = await orderIn('submitted');
    expect((await refusal(registerPayment(sales, submitted.orderId, payment('1.00')))).userMessage).toBe('This order has no invoice yet: approve it first.');
    expect((await refusal(registerPayment(sales, (await orderIn('cancelled')).orderId, payment('1.00')))).userMessage).toBe('This order is cancelled: no payment can be registered.');
    expect((await refusal(registerPayment(sales, (await orderIn('rejected')).orderId, payment('1.00')))).code).toBe('CONFLICT');
    // A credited invoice on an order that is still open (the credit note issued outside the desk).
    const credited = await orderIn('approved');
    const [invoice] = await invoicesOf(credited.orderId);
    await db.transaction(async (tx) => (await import('@/lib/invoices/issue-credit-note')).issueCreditNote(tx, invoice!.id, 'Wrong buyer'));
    expect((await refusal(registerPayment(sales, credited.orderId, payment('1.00')))).userMessage).toMatch(/^Invoice .+ is cancelled by credit note .+: no payment can be registered\.$/);
  });
});

describe('delivering', () => {
  it('delivers a paid order', async () => {
    const { orderId, customer } = await orderIn('paid');
    await markOrderDelivered(sales, orderId);
    expect(await statusOf(orderId)).toBe('delivered');
    expect((await auditOf(orderId)).at(-1)).toMatchObject({ action: 'order.delivered', details: { changedFields: ['status'] } });
    expect((await mailsOf(customer.userId)).at(-1)).toEqual({ template: 'order-delivered' });
  });

  it('delivers an approved, unpaid order only to a customer who may pay later', async () => {
    const payFirst = await orderIn('approved');
    expect((await refusal(markOrderDelivered(sales, payFirst.orderId))).userMessage).toBe('This customer pays before delivery, and the invoice is not paid in full yet.');
    expect(await statusOf(payFirst.orderId)).toBe('approved');
    expect(await eventsOf(payFirst.orderId)).toHaveLength(1);

    const payLater = await orderIn('approved', { mayPayLater: true });
    await markOrderDelivered(sales, payLater.orderId);
    expect(await statusOf(payLater.orderId)).toBe('delivered');
  });

  it.each(ALL_STATUSES.filter((status) => !(orderTransitions.deliver.from as readonly string[]).includes(status)))('is refused from %s', async (status) => {
    const { orderId } = await orderIn(status, { mayPayLater: true });
    expect((await refusal(markOrderDelivered(sales, orderId))).code).toBe('CONFLICT');
    expect(await statusOf(orderId)).toBe(status);
  });
});

describe('cancelling', () => {
  it('cancels an invoiced, partly paid order with a credit note that negates the invoice', async () => {
    const { orderId, customer } = await orderIn('approved');
    await registerPayment(sales, orderId, payment('10.00'));
    await expect(cancelOrder(sales, orderId, { cancellationReason: '' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['cancellationReason'] })] });
    const cancelled = await cancelOrder(sales, orderId, { cancellationReason: 'The customer ordered the wrong image' });
    expect(cancelled.creditNoteNumber).toMatch(/\d{4}-\d{6}$/);
    expect(await statusOf(orderId)).toBe('cancelled');
    const [invoice, creditNote] = await invoicesOf(orderId);
    expect(creditNote).toMatchObject({ kind: 'credit_note', number: cancelled.creditNoteNumber, creditedInvoiceId: invoice!.id, grossTotalMinor: -GROSS, reason: 'The customer ordered the wrong image' });
    expect((await auditOf(orderId)).at(-1)).toMatchObject({ action: 'order.cancelled', details: { changedFields: ['status', 'creditNote'] } });
    expect((await mailsOf(customer.userId)).at(-1)).toEqual({ template: 'order-cancelled' });
  });

  it('cancels an order without an invoice without a credit note, and a delivered one with a credit note', async () => {
    const notInvoiced = await orderIn('awaiting_approval');
    expect(await cancelOrder(sales, notInvoiced.orderId, { cancellationReason: 'Withdrawn' })).toEqual({ creditNoteId: null, creditNoteNumber: null });
    expect(await invoicesOf(notInvoiced.orderId)).toEqual([]);

    const delivered = await orderIn('delivered');
    expect((await cancelOrder(sales, delivered.orderId, { cancellationReason: 'Licence withdrawn after a dispute' })).creditNoteNumber).not.toBeNull();
    expect((await invoicesOf(delivered.orderId)).map((row) => row.kind)).toEqual(['invoice', 'credit_note']);
  });

  it('of two cancellations at once, one succeeds and one credit note is issued', async () => {
    const { orderId } = await orderIn('approved');
    const results = await Promise.allSettled([cancelOrder(sales, orderId, { cancellationReason: 'Twice' }), cancelOrder(sales, orderId, { cancellationReason: 'Twice' })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((await invoicesOf(orderId)).filter((row) => row.kind === 'credit_note')).toHaveLength(1);
  });

  it.each(['rejected', 'cancelled'] as const)('is refused from the final state %s', async (status) => {
    const { orderId } = await orderIn(status);
    expect((await refusal(cancelOrder(sales, orderId, { cancellationReason: 'Again' }))).userMessage).toMatch(/: it cannot be cancelled\.$/);
  });
});

describe('final states', () => {
  it.each(['rejected', 'cancelled'] as const)('%s refuses every change', async (status) => {
    const { orderId } = await orderIn(status, { mayPayLater: true });
    const events = (await eventsOf(orderId)).length;
    for (const attempt of [
      () => approveOrder(sales, orderId),
      () => rejectOrder(sales, orderId, { rejectionReason: 'No way' }),
      () => registerPayment(sales, orderId, payment('1.00')),
      () => markOrderDelivered(sales, orderId),
      () => cancelOrder(sales, orderId, { cancellationReason: 'Again' }),
    ]) {
      expect((await refusal(attempt())).code).toBe('CONFLICT');
    }
    expect(await statusOf(orderId)).toBe(status);
    expect(await eventsOf(orderId)).toHaveLength(events);
  });
});
