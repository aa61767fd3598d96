/**
 * The order desk's reading side and the customer terms: the list's filters (state, customer,
 * dates, pages), one order with its history and documents, who may see and change a customer's
 * commercial terms, and the audit entries they leave (field names, never values).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, customerTerms, orders } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { approveOrder } from '@/lib/orders/approve-order';
import { customerTermsOf, saveCustomerTerms } from '@/lib/orders/customer-terms';
import { listStaffOrders, STAFF_ORDERS_PAGE_SIZE, ZStaffOrderFilter } from '@/lib/orders/list-staff-orders';
import { openStaffOrder } from '@/lib/orders/open-staff-order';
import { registerPayment } from '@/lib/orders/register-payment';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createCustomer } from '../../helpers/actor-factory';
import { createPriceList, searchToken } from '../../helpers/catalog-factory';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';

afterAll(closeDatabase);

let sales: TStaffActor;
beforeAll(async () => {
  await setTestSeller();
  sales = await staffActorFor('sales');
});

const filter = (input: Record<string, string> = {}) => ZStaffOrderFilter.parse(input);

describe('the order list', () => {
  it('filters by customer (billing or account name and e-mail), state and date, newest first, and audits a customer search', async () => {
    const token = searchToken();
    const customer = await createCustomer({ fullName: `Quentin ${token}` });
    const older = await createOrder(customer.userId, { status: 'awaiting_approval', values: { submittedAt: new Date('2030-01-10T12:00:00Z'), locationMismatch: true } });
    const newer = await createOrder(customer.userId, { status: 'paid', values: { submittedAt: new Date('2030-01-12T09:00:00Z'), billingName: `Billing ${token}` } });

    const byName = await listStaffOrders(sales, filter({ customer: token }));
    expect(byName.rows.map((row) => row.id)).toEqual([newer.orderId, older.orderId]);
    expect(byName.rows[1]).toMatchObject({ number: older.number, status: 'awaiting_approval', locationMismatch: true, customerEmail: customer.email, grossTotalMinor: 4719, invoiceNumber: null });
    expect((await listStaffOrders(sales, filter({ customer: customer.email.toUpperCase() }))).rows).toHaveLength(2);
    expect((await listStaffOrders(sales, filter({ customer: token, status: 'paid' }))).rows.map((row) => row.id)).toEqual([newer.orderId]);
    expect((await listStaffOrders(sales, filter({ customer: token, from: '2030-01-11' }))).rows.map((row) => row.id)).toEqual([newer.orderId]);
    expect((await listStaffOrders(sales, filter({ customer: token, to: '2030-01-10' }))).rows.map((row) => row.id)).toEqual([older.orderId]);
    expect((await listStaffOrders(sales, filter({ customer: `${token}%' or 1=1 --` }))).rows).toEqual([]);

    const searches = await db.select().from(auditTrail).where(and(eq(auditTrail.action, 'orders.searched'), eq(auditTrail.actorUserId, sales.userId)));
    expect(searches.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(searches)).not.toContain(token);
  });

  it('pages by 25', async () => {
    const token = searchToken();
    const customer = await createCustomer({ fullName: `Paging ${token}` });
    for (let index = 0; index < STAFF_ORDERS_PAGE_SIZE + 2; index++) await createOrder(customer.userId, { values: { submittedAt: new Date(Date.UTC(2031, 0, 1, 0, index)) } });
    const first = await listStaffOrders(sales, filter({ customer: token }));
    expect(first).toMatchObject({ page: 1, hasMore: true });
    expect(first.rows).toHaveLength(STAFF_ORDERS_PAGE_SIZE);
    const second = await listStaffOrders(sales, filter({ customer: token, page: '2' }));
    expect(second).toMatchObject({ page: 2, hasMore: false });
    expect(second.rows).toHaveLength(2);
  });

  it('refuses bad filters with a message per field', () => {
    const messages = (input: Record<string, string>) => {
      const parsed = ZStaffOrderFilter.safeParse(input);
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.toReversed().map((issue) => [issue.path[0], issue.message]));
    };
    expect(messages({ status: 'shipped' })).toEqual({ status: 'Choose a state from the list.' });
    expect(messages({ customer: 'a' })).toEqual({ customer: 'Enter at least 2 characters of a name or e-mail address.' });
    expect(messages({ from: '01/02/2030' })).toEqual({ from: 'Enter a date like 2026-12-01.' });
    expect(messages({ from: '2030-02-02', to: '2030-02-01' })).toEqual({ to: 'The end date is before the start date.' });
    expect(messages({ page: '0' })).toEqual({ page: 'Not a page number.' });
  });

  it('is for the order desk only', async () => {
    for (const role of ['catalog', 'admin', 'privacy_officer'] as const) {
      await expect(listStaffOrders(await staffActorFor(role), filter())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('one order', () => {
  it('has its lines, history, invoice, payments and the customer terms; an unknown id is NOT_FOUND', async () => {
    const customer = await createCustomer();
    const { orderId } = await createOrder(customer.userId, { status: 'awaiting_approval', lines: [{ netMinor: 1000 }, { netMinor: 2000, tier: 'L' }] });
    const { invoiceNumber } = await approveOrder(sales, orderId);
    await registerPayment(sales, orderId, { paidOn: new Date().toISOString().slice(0, 10), amount: '10', method: 'cash', reference: 'R1' });
    const record = await openStaffOrder(sales, orderId);
    expect(record.order).toMatchObject({ id: orderId, status: 'approved' });
    expect(record.customer).toEqual({ id: customer.userId, email: customer.email, fullName: customer.fullName, restrictedAt: null });
    expect(record.lines.map((line) => [line.position, line.tier, line.netMinor])).toEqual([
      [1, 'M', 1000],
      [2, 'L', 2000],
    ]);
    expect(record.invoice?.number).toBe(invoiceNumber);
    expect(record.creditNote).toBeNull();
    expect(record.paidMinor).toBe(1000);
    expect(record.outstandingMinor).toBe(3000 + 210 + 420 - 1000);
    expect(record.events.map((event) => [event.status, event.actorName])).toEqual([
      ['approved', 'Test sales'],
      ['approved', 'Test sales'],
    ]);
    expect(record.terms).toMatchObject({ downloadWithoutApproval: false, mayPayLater: false, priceListId: null, discountBasisPoints: 0 });
    await expect(openStaffOrder(sales, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openStaffOrder(sales, 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(openStaffOrder(await staffActorFor('catalog'), orderId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('customer terms', () => {
  it('are saved by the order desk in one audited transaction that names the changed fields', async () => {
    const customer = await createCustomer();
    const priceListId = await createPriceList();
    await saveCustomerTerms(sales, customer.userId, { downloadWithoutApproval: 'on', mayPayLater: 'on', priceListId: String(priceListId), discountPercent: '12,5' });
    const [row] = await db.select().from(customerTerms).where(eq(customerTerms.userId, customer.userId));
    expect(row).toMatchObject({ downloadWithoutApproval: true, mayPayLater: true, priceListId, discountBasisPoints: 1250, updatedBy: sales.userId });

    // Unticked boxes are not sent by a browser: absent means no.
    await saveCustomerTerms(sales, customer.userId, { priceListId: String(priceListId), discountPercent: '12.5' });
    expect(await customerTermsOf(sales, customer.userId)).toMatchObject({ downloadWithoutApproval: false, mayPayLater: false, priceListId, discountBasisPoints: 1250 });

    const entries = await db.select().from(auditTrail).where(and(eq(auditTrail.action, 'customer.terms-changed'), eq(auditTrail.subjectUserId, customer.userId))).orderBy(auditTrail.id);
    expect(entries.map((entry) => [entry.actorUserId, entry.objectType, entry.details])).toEqual([
      [sales.userId, 'customer_terms', { changedFields: ['downloadWithoutApproval', 'mayPayLater', 'priceListId', 'discountBasisPoints'] }],
      [sales.userId, 'customer_terms', { changedFields: ['downloadWithoutApproval', 'mayPayLater'] }],
    ]);
  });

  it('refuses bad input per field, an unknown price list, an unknown customer or a staff account', async () => {
    const customer = await createCustomer();
    for (const [form, field] of [
      [{ discountPercent: '101' }, 'discountPercent'],
      [{ discountPercent: '-1' }, 'discountPercent'],
      [{ discountPercent: 'ten' }, 'discountPercent'],
      [{ priceListId: 'abc' }, 'priceListId'],
      [{ mayPayLater: 'yes please' }, 'mayPayLater'],
    ] as const) {
      await expect(saveCustomerTerms(sales, customer.userId, form), JSON.stringify(form)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: [field] })] });
    }
    await expect(saveCustomerTerms(sales, customer.userId, { priceListId: '987654' })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { priceListId: 'Choose a price list.' } });
    await expect(saveCustomerTerms(sales, '00000000-0000-4000-8000-000000000000', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveCustomerTerms(sales, sales.userId, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.select().from(customerTerms).where(eq(customerTerms.userId, customer.userId))).toEqual([]);
  });

  it('are changed only by the order desk, and seen by it and by staff who may open customers', async () => {
    const customer = await createCustomer();
    for (const role of ['catalog', 'admin', 'privacy_officer'] as const) {
      await expect(saveCustomerTerms(await staffActorFor(role), customer.userId, { mayPayLater: 'on' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await customerTermsOf(await staffActorFor('privacy_officer'), customer.userId)).mayPayLater).toBe(false);
    await expect(customerTermsOf(await staffActorFor('catalog'), customer.userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(customerTermsOf(await staffActorFor('admin'), customer.userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('"may pay later" lets an unpaid order be delivered; the order keeps its status otherwise', async () => {
    const customer = await createCustomer();
    const { orderId } = await createOrder(customer.userId, { status: 'awaiting_approval' });
    await approveOrder(sales, orderId);
    const { markOrderDelivered } = await import('@/lib/orders/mark-delivered');
    await expect(markOrderDelivered(sales, orderId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await saveCustomerTerms(sales, customer.userId, { mayPayLater: 'on' });
    await markOrderDelivered(sales, orderId);
    expect((await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]?.status).toBe('delivered');
  });
});
