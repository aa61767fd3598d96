import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getInvoiceForCustomer, getInvoiceForStaff } from '@/lib/invoices/get-invoice';
import { listInvoicesForStaff, listMyInvoices } from '@/lib/invoices/list-invoices';
import { readPaymentStatus } from '@/lib/invoices/payment-status';
import { invoicePdfBuffer } from '@/lib/invoices/render-invoice-pdf';
import { staffRoles } from '@/lib/staff/permissions';
import { createSignedInCustomer } from '../../helpers/actor-factory';
import { setTestSeller, TEST_SELLER } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { creditTestInvoice, daysAgo, issueTestInvoice, registerTestPayment } from './invoice-kit';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());

const pdfText = async (buffer: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: true })).text;

describe('reading an invoice: the access matrix', () => {
  it('lets the buyer read their invoice and answers 404 to another customer, logging the refusal', async () => {
    const owner = await createSignedInCustomer();
    const other = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId);

    const view = await getInvoiceForCustomer(owner.actor, issued.id);
    expect(view.invoice.number).toBe(issued.number);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await expect(getInvoiceForCustomer(other.actor, issued.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(warn).toHaveBeenCalledWith(`[authz] customer ${other.userId} was refused invoice ${issued.id}, which is not theirs`);
      // An id that exists nowhere, and one that is not an id, are the same 404 without a log line.
      warn.mockClear();
      await expect(getInvoiceForCustomer(other.actor, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getInvoiceForCustomer(other.actor, "1' or '1'='1")).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    expect((await listMyInvoices(other.actor)).map((row) => row.id)).not.toContain(issued.id);
    expect((await listMyInvoices(owner.actor)).map((row) => row.id)).toEqual([issued.id]);
  });

  it('lets the buyer read the credit note of their invoice, and nobody else', async () => {
    const owner = await createSignedInCustomer();
    const other = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId);
    const credit = await creditTestInvoice(issued.id);
    const view = await getInvoiceForCustomer(owner.actor, credit.id);
    expect(view.creditedInvoice).toMatchObject({ id: issued.id, number: issued.number });
    expect(view.invoice.reason).toBe('Cancelled at the customer’s request');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(getInvoiceForCustomer(other.actor, credit.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    warn.mockRestore();
  });

  it.each(staffRoles)('gives staff role %s invoices only with orders.manage', async (role) => {
    const owner = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId);
    const staff = await staffActorFor(role);
    if (role === 'superadmin' || role === 'sales') {
      expect((await getInvoiceForStaff(staff, issued.id)).invoice.id).toBe(issued.id);
      expect((await listInvoicesForStaff(staff, { number: issued.number })).rows.map((row) => row.id)).toEqual([issued.id]);
    } else {
      const refused = await getInvoiceForStaff(staff, issued.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'FORBIDDEN' });
      await expect(listInvoicesForStaff(staff, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('payment status', () => {
  it('is unpaid until the payments add up to the total, overdue after the due date, paid once covered', async () => {
    const owner = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId, { issuedAt: daysAgo(20) });
    // 14 payment days: due 6 days ago.
    expect(await readPaymentStatus(db, issued.id)).toEqual({ state: 'overdue', label: 'Overdue', paidMinor: 0, dueMinor: 4719 });
    expect(await readPaymentStatus(db, issued.id, daysAgo(6))).toMatchObject({ state: 'unpaid', dueMinor: 4719 });
    expect(await readPaymentStatus(db, issued.id, daysAgo(5))).toMatchObject({ state: 'overdue' });

    await registerTestPayment(issued.id, 4000);
    expect(await readPaymentStatus(db, issued.id)).toMatchObject({ state: 'overdue', paidMinor: 4000, dueMinor: 719 });
    await registerTestPayment(issued.id, 719);
    expect(await readPaymentStatus(db, issued.id)).toEqual({ state: 'paid', label: 'Paid', paidMinor: 4719, dueMinor: 0 });
    expect((await getInvoiceForCustomer(owner.actor, issued.id)).payments.map((payment) => payment.amountMinor)).toEqual([4000, 719]);
  });

  it('is credited for a cancelled invoice (nothing due) and settled for the credit note', async () => {
    const owner = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId, { issuedAt: daysAgo(40) });
    await registerTestPayment(issued.id, 1000);
    const credit = await creditTestInvoice(issued.id);
    expect(await readPaymentStatus(db, issued.id)).toMatchObject({ state: 'credited', paidMinor: 1000, dueMinor: 0 });
    expect(await readPaymentStatus(db, credit.id)).toMatchObject({ state: 'credit_note', dueMinor: 0 });
    const view = await getInvoiceForCustomer(owner.actor, issued.id);
    expect(view.creditNote).toEqual({ id: credit.id, number: credit.number });
  });

  it('filters the staff list by state, number, customer and issue date, and counts the overdue', async () => {
    const marker = `Filter Buyer ${crypto.randomUUID().slice(0, 8)}`;
    const owner = await createSignedInCustomer();
    const values = { billingName: marker };
    const overdue = await issueTestInvoice(owner.userId, { issuedAt: daysAgo(30), values });
    const open = await issueTestInvoice(owner.userId, { values });
    const paid = await issueTestInvoice(owner.userId, { values });
    await registerTestPayment(paid.id, 4719);
    const cancelled = await issueTestInvoice(owner.userId, { issuedAt: daysAgo(30), values });
    const credit = await creditTestInvoice(cancelled.id);
    const sales = await staffActorFor('sales');
    const numbersFor = async (filters: Parameters<typeof listInvoicesForStaff>[1]) =>
      (await listInvoicesForStaff(sales, { customer: marker, ...filters })).rows.map((row) => row.number).sort();

    expect(await numbersFor({})).toEqual([overdue, open, paid, cancelled, credit].map((invoice) => invoice.number).sort());
    expect(await numbersFor({ state: 'overdue' })).toEqual([overdue.number]);
    expect(await numbersFor({ state: 'unpaid' })).toEqual([open.number]);
    expect(await numbersFor({ state: 'paid' })).toEqual([paid.number]);
    expect(await numbersFor({ state: 'credited' })).toEqual([cancelled.number]);
    expect(await numbersFor({ state: 'credit_note' })).toEqual([credit.number]);
    expect(await numbersFor({ number: open.number })).toEqual([open.number]);
    const recent = daysAgo(1).toISOString().slice(0, 10);
    expect(await numbersFor({ from: recent })).toEqual([open, paid, credit].map((invoice) => invoice.number).sort());
    expect(await numbersFor({ to: recent })).toEqual([overdue, cancelled].map((invoice) => invoice.number).sort());
    // A LIKE wildcard typed in is matched as itself, not as "anything".
    expect(await numbersFor({ customer: '%' })).toEqual([]);
    const page = await listInvoicesForStaff(sales, { state: 'overdue' });
    expect(page.overdueCount).toBeGreaterThanOrEqual(1);
    expect(page.rows.every((row) => row.status.state === 'overdue')).toBe(true);
  });
});

describe('the PDF', () => {
  it('holds the number, the parties, every licence, the totals and the VAT note, in the standard fonts', async () => {
    const owner = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId, {
      vatRateBasisPoints: 0,
      lines: [{ netMinor: 3900 }, { netMinor: 12_900, tier: 'XL', widthPx: 6000, heightPx: 4000 }],
      values: { vatTreatment: 'reverse_charge', billingVatNumber: 'DE136695976', billingCountryCode: 'DE', billingCompany: 'Bild GmbH', billingName: 'Łukasz Müller’s Studio' },
    });
    const view = await getInvoiceForCustomer(owner.actor, issued.id);
    const text = await pdfText(await invoicePdfBuffer(view));
    expect(text).toContain(`Number: ${issued.number}`);
    expect(text).toContain(TEST_SELLER.name);
    expect(text).toContain(`VAT number: ${TEST_SELLER.vatNumber}`);
    expect(text).toContain('Bild GmbH');
    // Ł is not in the standard fonts' encoding: written as L; ü and ’ are, and stay.
    expect(text).toContain('Lukasz Müller’s Studio');
    expect(text).toContain('VAT number: DE136695976');
    expect(text).toMatch(/size XL, 6000 ×\s+4000 px/);
    expect(text).toContain('licence terms test-terms-1');
    expect(text).toContain('€168.00');
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient');
    expect(text).toContain('Payment status: Unpaid');
  });

  it('names the corrected invoice and the reason on a credit note', async () => {
    const owner = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId);
    const credit = await creditTestInvoice(issued.id, 'Wrong size ordered');
    const text = await pdfText(await invoicePdfBuffer(await getInvoiceForCustomer(owner.actor, credit.id)));
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain(`This credit note cancels invoice ${issued.number}`);
    expect(text).toContain('Reason: Wrong size ordered');
    expect(text).toContain('-€47.19');
  });
});
