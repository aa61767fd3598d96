import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceLines, invoices, siteSettings } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { allocateInvoiceNumber } from '@/lib/invoices/allocate-invoice-number';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { createCustomer } from '../../helpers/actor-factory';
import { createOrder, setTestSeller, TEST_SELLER } from '../../helpers/order-factory';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());

const issue = (orderId: string, now?: Date) => db.transaction((tx) => issueInvoice(tx, orderId, now));
const sequencesOf = async (series: string, year: number) =>
  (await db.select({ sequence: invoices.sequence }).from(invoices).where(sql`${invoices.series} = ${series} and ${invoices.year} = ${year}`)).map((row) => row.sequence);

describe('issuing an invoice', () => {
  it('numbers it per year, copies the billing snapshot and the seller, and lists every licence', async () => {
    const customer = await createCustomer();
    const order = await createOrder(customer.userId, { lines: [{ netMinor: 3900 }, { netMinor: 6900, tier: 'L', widthPx: 3000, heightPx: 2000 }] });
    const issued = await issue(order.orderId, new Date('2031-03-05T10:00:00Z'));
    expect(issued.created).toBe(true);
    expect(issued.number).toMatch(/^2031-\d{6}$/);

    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, issued.id));
    expect(invoice).toMatchObject({
      kind: 'invoice',
      issueDate: '2031-03-05',
      dueDate: '2031-03-19',
      sellerName: TEST_SELLER.name,
      sellerVatNumber: TEST_SELLER.vatNumber,
      buyerName: 'Ada Buyer',
      buyerCity: 'Amsterdam',
      buyerVatNumber: null,
      vatNote: null,
      netTotalMinor: 10_800,
      vatTotalMinor: 819 + 1449,
      grossTotalMinor: 10_800 + 2268,
    });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, issued.id));
    expect(lines.map((line) => line.description)).toEqual([
      expect.stringMatching(/^Royalty-free licence: "Ordered image 1" \(image \d+\), size M, 1600 × 1067 px, licence terms test-terms-1$/),
      expect.stringMatching(/size L, 3000 × 2000 px/),
    ]);
  });

  it('returns the invoice already issued when asked again', async () => {
    const customer = await createCustomer();
    const order = await createOrder(customer.userId);
    const first = await issue(order.orderId);
    const second = await issue(order.orderId);
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, number: first.number, created: false });
  });

  it('hands the mail the facts of the invoice as stored, so the issuing transaction need not read it back', async () => {
    const customer = await createCustomer();
    const order = await createOrder(customer.userId);
    const issued = await issue(order.orderId);
    const [stored] = await db.select().from(invoices).where(eq(invoices.id, issued.id));
    expect(issued.mailFacts).toEqual({
      id: stored!.id,
      kind: stored!.kind,
      number: stored!.number,
      customerUserId: stored!.customerUserId,
      buyerName: stored!.buyerName,
      buyerEmail: stored!.buyerEmail,
      currency: stored!.currency,
      grossTotalMinor: stored!.grossTotalMinor,
      dueDate: stored!.dueDate,
      creditedNumber: null,
    });
  });

  it('names the buyer VAT number and the reverse-charge note only under reverse charge', async () => {
    const customer = await createCustomer();
    const order = await createOrder(customer.userId, {
      vatRateBasisPoints: 0,
      values: { vatTreatment: 'reverse_charge', billingVatNumber: 'DE136695976', billingCountryCode: 'DE', billingCompany: 'Bild GmbH' },
    });
    const issued = await issue(order.orderId);
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, issued.id));
    expect(invoice?.buyerVatNumber).toBe('DE136695976');
    expect(invoice?.vatNote).toMatch(/^Reverse charge/);
    expect(invoice?.vatTotalMinor).toBe(0);
  });

  it('gives 100 concurrent issues 100 numbers without gap or duplicate', async () => {
    const customer = await createCustomer();
    const year = 2032;
    const orders = await Promise.all(Array.from({ length: 100 }, () => createOrder(customer.userId)));
    await Promise.all(orders.map((order) => issue(order.orderId, new Date(`${year}-06-01T12:00:00Z`))));
    const sequences = (await sequencesOf('INV', year)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  });

  it('gives a number back when the issuing transaction rolls back', async () => {
    const year = 2033;
    await db.transaction((tx) => allocateInvoiceNumber(tx, 'invoice', year));
    await expect(
      db.transaction(async (tx) => {
        await allocateInvoiceNumber(tx, 'invoice', year);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const next = await db.transaction((tx) => allocateInvoiceNumber(tx, 'invoice', year));
    expect(next.sequence).toBe(2);
  });

  it('refuses to issue while the seller details are incomplete', async () => {
    const customer = await createCustomer();
    const order = await createOrder(customer.userId);
    await db.transaction(async (tx) => {
      await tx.delete(siteSettings).where(eq(siteSettings.key, 'seller.details'));
      await expect(issueInvoice(tx, order.orderId)).rejects.toMatchObject({ code: 'CONFLICT' });
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || !/rollback/i.test(error.message)) throw error;
    });
  });
});

describe('an issued invoice', () => {
  it('cannot be changed or deleted, nor can its lines', async () => {
    const customer = await createCustomer();
    const issued = await issue((await createOrder(customer.userId)).orderId);
    await expect(db.update(invoices).set({ buyerName: 'Someone else' }).where(eq(invoices.id, issued.id))).rejects.toThrow();
    await expect(db.delete(invoices).where(eq(invoices.id, issued.id))).rejects.toThrow();
    await expect(db.update(invoiceLines).set({ netMinor: 1 }).where(eq(invoiceLines.invoiceId, issued.id))).rejects.toThrow();
    await expect(db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, issued.id))).rejects.toThrow();
    await expect(db.execute(sql`truncate invoice_lines`)).rejects.toThrow();
    const [still] = await db.select({ buyerName: invoices.buyerName }).from(invoices).where(eq(invoices.id, issued.id));
    expect(still?.buyerName).toBe('Ada Buyer');
  });

  it('is cancelled by one credit note of its own series that negates every amount and names it', async () => {
    const customer = await createCustomer();
    const issued = await issue((await createOrder(customer.userId, { lines: [{ netMinor: 1900 }, { netMinor: 11_900 }] })).orderId);
    const credit = await db.transaction((tx) => issueCreditNote(tx, issued.id, 'Order cancelled at the customer’s request'));
    expect(credit.number).toMatch(/^CN-\d{4}-\d{6}$/);
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, issued.id));
    const [note] = await db.select().from(invoices).where(eq(invoices.id, credit.id));
    expect(note).toMatchObject({
      kind: 'credit_note',
      creditedInvoiceId: issued.id,
      dueDate: null,
      buyerName: invoice!.buyerName,
      netTotalMinor: -invoice!.netTotalMinor,
      vatTotalMinor: -invoice!.vatTotalMinor,
      grossTotalMinor: -invoice!.grossTotalMinor,
      reason: 'Order cancelled at the customer’s request',
    });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, credit.id));
    expect(lines.map((line) => line.netMinor).sort((a, b) => a - b)).toEqual([-11_900, -1900]);

    const again = await db.transaction((tx) => issueCreditNote(tx, issued.id, 'Twice'));
    expect(again).toEqual({ ...credit, created: false });
  });

  it('needs a reason to be credited, and a credit note cannot itself be credited', async () => {
    const customer = await createCustomer();
    const issued = await issue((await createOrder(customer.userId)).orderId);
    await expect(db.transaction((tx) => issueCreditNote(tx, issued.id, '   '))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const credit = await db.transaction((tx) => issueCreditNote(tx, issued.id, 'Cancelled'));
    await expect(db.transaction((tx) => issueCreditNote(tx, credit.id, 'Again'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
