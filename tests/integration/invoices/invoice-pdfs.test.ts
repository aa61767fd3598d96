/**
 * Invoice PDFs are stored once per state (lib/invoices/invoice-pdfs.ts): after approval, payment
 * and cancellation the stored PDF shows the new state; a reader that finds the stored one out of
 * date draws and replaces it; retention's redaction deletes it with the billing details it prints.
 */
import { eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdfs, invoices } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getInvoiceForCustomer, getInvoiceOfSubject } from '@/lib/invoices/get-invoice';
import { invoicePdfContentSha256 } from '@/lib/invoices/invoice-pdf-content';
import { invoicePdf, refreshInvoicePdfs, storedInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { invoicePdfResponse } from '@/lib/invoices/invoice-pdf-response';
import { approveOrder } from '@/lib/orders/approve-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { registerPayment } from '@/lib/orders/register-payment';
import { applyRetention } from '@/lib/privacy/apply-retention';
import { retentionDays } from '@/lib/privacy/retention-periods';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createCustomer, createSignedInCustomer } from '../../helpers/actor-factory';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { daysAgo, issueTestInvoice } from './invoice-kit';

afterAll(closeDatabase);

let sales: TStaffActor;
beforeAll(async () => {
  await setTestSeller();
  sales = await staffActorFor('sales');
});

const pdfText = async (buffer: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: true })).text;
const storedRow = async (invoiceId: string) => (await db.select().from(invoicePdfs).where(eq(invoicePdfs.invoiceId, invoiceId)))[0];
const today = () => new Date().toISOString().slice(0, 10);

/** The stored PDF, checked to show the invoice's current state (its hash is the view's). */
async function storedText(customerUserId: string, invoiceId: string) {
  const row = await storedRow(invoiceId);
  expect(row).toBeDefined();
  const view = (await getInvoiceOfSubject(db, customerUserId, invoiceId))!;
  expect(row!.contentSha256).toBe(invoicePdfContentSha256(view));
  return pdfText(row!.pdf);
}

describe('stored invoice PDFs', () => {
  it('are stored when the order is approved, again when it is paid, and for the credit note when it is cancelled', async () => {
    const customer = await createCustomer();
    const order = await createOrder(customer.userId, { status: 'awaiting_approval' });
    const { invoiceId } = await approveOrder(sales, order.orderId);
    expect(await storedText(customer.userId, invoiceId)).toContain('Payment status: Unpaid');

    await registerPayment(sales, order.orderId, { paidOn: today(), amount: '10.00', method: 'bank_transfer' });
    expect(await storedText(customer.userId, invoiceId)).toContain('Received');

    const { creditNoteId } = await cancelOrder(sales, order.orderId, { cancellationReason: 'Ordered twice' });
    expect(await storedText(customer.userId, invoiceId)).toContain('Cancelled by credit note');
    expect(await storedText(customer.userId, creditNoteId!)).toContain('This credit note cancels invoice');
  });

  it('are copied while they show the current state, and drawn again and replaced once it changed', async () => {
    const customer = await createCustomer();
    const issued = await issueTestInvoice(customer.userId);
    const view = (await getInvoiceOfSubject(db, customer.userId, issued.id))!;
    expect(await storedRow(issued.id)).toBeUndefined();

    // Not stored yet: drawn and stored by the first reader; the second gets the stored bytes.
    const first = await invoicePdf(view);
    const stored = await storedRow(issued.id);
    expect(stored!.pdf.equals(first)).toBe(true);
    await db.update(invoicePdfs).set({ renderedAt: new Date('2020-01-01T00:00:00Z') }).where(eq(invoicePdfs.invoiceId, issued.id));
    expect((await invoicePdf(view)).equals(first)).toBe(true);
    expect((await storedRow(issued.id))!.renderedAt.toISOString()).toBe('2020-01-01T00:00:00.000Z');

    // The due date passes: the view is overdue, the stored PDF is not the one it shows.
    const overdueView = (await getInvoiceOfSubject(db, customer.userId, issued.id, new Date(Date.parse(`${view.invoice.dueDate}T00:00:00Z`) + 2 * 86_400_000)))!;
    expect(overdueView.status.state).toBe('overdue');
    expect((await storedInvoicePdfs(db, [overdueView])).size).toBe(0);
    const redrawn = await invoicePdf(overdueView);
    expect(await pdfText(redrawn)).toContain('Payment status: Overdue');
    expect((await storedRow(issued.id))!.contentSha256).toBe(invoicePdfContentSha256(overdueView));
    // One row per document, always the latest state drawn.
    expect(await db.select({ id: invoicePdfs.invoiceId }).from(invoicePdfs).where(eq(invoicePdfs.invoiceId, issued.id))).toHaveLength(1);
  });

  it('are the same file for the same state: drawing twice gives the same bytes', async () => {
    const customer = await createCustomer();
    const issued = await issueTestInvoice(customer.userId);
    const view = (await getInvoiceOfSubject(db, customer.userId, issued.id))!;
    const once = await invoicePdf(view);
    await db.delete(invoicePdfs).where(eq(invoicePdfs.invoiceId, issued.id));
    expect((await invoicePdf(view)).equals(once)).toBe(true);
  });

  it('are served to their buyer from storage; another customer still gets the 404 before any PDF is read', async () => {
    const owner = await createSignedInCustomer();
    const other = await createSignedInCustomer();
    const issued = await issueTestInvoice(owner.userId);
    await refreshInvoicePdfs([issued.id]);
    const response = await invoicePdfResponse(await getInvoiceForCustomer(owner.actor, issued.id));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await response.arrayBuffer()).equals((await storedRow(issued.id))!.pdf)).toBe(true);
    await expect(getInvoiceForCustomer(other.actor, issued.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('are deleted when retention redacts the billing details, and the next one is drawn from the redacted invoice', async () => {
    const days = await retentionDays('tax-record');
    const customer = await createCustomer();
    const old = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(days + 2), values: { submittedAt: daysAgo(days + 3), billingName: 'Ada Oldbuyer' } });
    await refreshInvoicePdfs([old.id]);
    expect(await storedText(customer.userId, old.id)).toContain('Ada Oldbuyer');

    await applyRetention();
    expect((await db.select({ redacted: invoices.billingRedactedAt }).from(invoices).where(eq(invoices.id, old.id)))[0]!.redacted).not.toBeNull();
    expect(await storedRow(old.id)).toBeUndefined();
    const redrawn = await pdfText(await invoicePdf((await getInvoiceOfSubject(db, customer.userId, old.id))!));
    expect(redrawn).not.toContain('Ada Oldbuyer');
    expect(redrawn).toContain('[redacted]');
  });
});
