/**
 * Invoice PDFs are stored once per state (lib/invoices/invoice-pdfs.ts): after approval, payment
 * and cancellation the stored PDF shows the new state; a reader that finds the stored one out of
 * date draws and replaces it; retention's redaction deletes it with the billing details it prints.
 */
import { eq, sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdfs, invoices } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getInvoiceForCustomer, getInvoiceOfSubject } from '@/lib/invoices/get-invoice';
import { invoicePdfState, invoicePdfStateSql } from '@/lib/invoices/invoice-pdf-state';
import { drawAndStoreInvoicePdfs, invoicePdf, refreshInvoicePdfs, storedInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { invoicePdfResponse } from '@/lib/invoices/invoice-pdf-response';
import { invoicePdfBuffer } from '@/lib/invoices/render-invoice-pdf';
import { approveOrder } from '@/lib/orders/approve-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { registerPayment } from '@/lib/orders/register-payment';
import { applyRetention } from '@/lib/privacy/apply-retention';
import { appendInvoicePdfs } from '@/lib/privacy/export-invoice-pdfs';
import { retentionDays } from '@/lib/privacy/retention-periods';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { createCustomer, createSignedInCustomer } from '../../helpers/actor-factory';
import { createOrder, setTestSeller } from '../../helpers/order-factory';
import { staffActorFor } from '../../helpers/staff-actor';
import { creditTestInvoice, daysAgo, issueTestInvoice, registerTestPayment } from './invoice-kit';

afterAll(closeDatabase);

let sales: TStaffActor;
beforeAll(async () => {
  await setTestSeller();
  sales = await staffActorFor('sales');
});

const pdfText = async (buffer: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: true })).text;
const storedRow = async (invoiceId: string) => (await db.select().from(invoicePdfs).where(eq(invoicePdfs.invoiceId, invoiceId)))[0];
const today = () => new Date().toISOString().slice(0, 10);

/** The stored PDF, checked to show the invoice's current state (its state key is the view's). */
async function storedText(customerUserId: string, invoiceId: string) {
  const row = await storedRow(invoiceId);
  expect(row).toBeDefined();
  const view = (await getInvoiceOfSubject(db, customerUserId, invoiceId))!;
  expect(row!.stateKey).toBe(invoicePdfState(view));
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
    const afterDue = new Date(Date.parse(`${view.invoice.dueDate}T00:00:00Z`) + 2 * 86_400_000);
    const overdueView = (await getInvoiceOfSubject(db, customer.userId, issued.id, afterDue))!;
    expect(overdueView.status.state).toBe('overdue');
    expect((await storedInvoicePdfs(db, [overdueView])).size).toBe(0);
    const redrawn = await invoicePdf(overdueView, afterDue);
    expect(await pdfText(redrawn)).toContain('Payment status: Overdue');
    expect((await storedRow(issued.id))!.stateKey).toBe(invoicePdfState(overdueView));
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

  it('are not stored from a view older than a change committed since: a reader that read before retention redacted the invoice puts no billing details back', async () => {
    const days = await retentionDays('tax-record');
    const customer = await createCustomer();
    const old = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(days + 2), values: { submittedAt: daysAgo(days + 3), billingName: 'Bea Staleview' } });
    // An export's snapshot (or a download) read the invoice before the redaction...
    const staleView = (await getInvoiceOfSubject(db, customer.userId, old.id))!;
    await applyRetention();
    // ...and draws and stores its PDF after the redaction committed: the reader still gets it, nothing is stored.
    const drawn = await drawAndStoreInvoicePdfs([staleView]);
    expect(await pdfText(drawn.get(old.id)!)).toContain('Bea Staleview');
    expect(await storedRow(old.id)).toBeUndefined();

    // A payment overtaken by a later one: the older state does not replace the newer stored PDF.
    const paidLater = await issueTestInvoice(customer.userId);
    const unpaidView = (await getInvoiceOfSubject(db, customer.userId, paidLater.id))!;
    await registerTestPayment(paidLater.id, 1000);
    await refreshInvoicePdfs([paidLater.id]);
    const newer = (await storedRow(paidLater.id))!;
    await drawAndStoreInvoicePdfs([unpaidView]);
    expect((await storedRow(paidLater.id))!.stateKey).toBe(newer.stateKey);
  });

  it('of a redacted invoice that still print the billing details (stored by a reader racing the redaction) are deleted by the next retention run', async () => {
    const days = await retentionDays('tax-record');
    const customer = await createCustomer();
    const old = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(days + 2), values: { submittedAt: daysAgo(days + 3), billingName: 'Cy Racer' } });
    const staleView = (await getInvoiceOfSubject(db, customer.userId, old.id))!;
    await applyRetention();
    // As a store committed while the redaction's statement ran, after its snapshot: the row is there.
    await db.insert(invoicePdfs).values({ invoiceId: old.id, stateKey: invoicePdfState(staleView), pdf: await invoicePdfBuffer(staleView) });
    const redactedView = (await getInvoiceOfSubject(db, customer.userId, old.id))!;
    const other = await issueTestInvoice(customer.userId);
    await refreshInvoicePdfs([other.id]);

    await applyRetention();
    expect(await storedRow(old.id)).toBeUndefined();
    // A stored PDF that shows the redaction, and those of invoices not redacted, stay.
    await invoicePdf(redactedView);
    await applyRetention();
    expect((await storedRow(old.id))!.stateKey).toBe(invoicePdfState(redactedView));
    expect(await storedRow(other.id)).toBeDefined();
  });

  it('go into a data export batch by batch in number order, stored ones copied and missing ones drawn, the next batch read while the ZIP takes this one', async () => {
    const customer = await createCustomer();
    const issued = [];
    for (let index = 0; index < 5; index++) issued.push(await issueTestInvoice(customer.userId));
    await refreshInvoicePdfs([issued[0]!.id, issued[3]!.id]);
    // Marked, so a copy can be told from a PDF drawn again (the same state draws the same bytes).
    const marker = (id: string) => Buffer.from(`%PDF-1.3 stored copy of ${id}`);
    for (const invoice of [issued[0]!, issued[3]!]) await db.update(invoicePdfs).set({ pdf: marker(invoice.id) }).where(eq(invoicePdfs.invoiceId, invoice.id));

    const batches: string[][] = [];
    const files = new Map<string, Buffer>();
    let inFlight = 0;
    let mostInFlight = 0;
    const count = await db.transaction((tx) =>
      appendInvoicePdfs(
        tx,
        customer.userId,
        async (batch) => {
          inFlight++;
          mostInFlight = Math.max(mostInFlight, inFlight);
          batches.push(batch.map((file) => file.name));
          for (const file of batch) files.set(file.name, file.data);
          await new Promise((resolve) => setTimeout(resolve, 20));
          inFlight--;
        },
        2,
      ),
    );
    expect(count).toBe(5);
    const names = issued.map((invoice) => `invoices/${invoice.number}.pdf`).sort();
    expect(batches).toEqual([names.slice(0, 2), names.slice(2, 4), names.slice(4)]);
    expect(mostInFlight).toBe(1);
    // Every file is what is stored now: the two marked ones copied, the three others drawn and stored.
    for (const invoice of issued) expect(files.get(`invoices/${invoice.number}.pdf`)?.equals((await storedRow(invoice.id))!.pdf)).toBe(true);
    expect(files.get(`invoices/${issued[0]!.number}.pdf`)?.equals(marker(issued[0]!.id))).toBe(true);
    expect(files.get(`invoices/${issued[3]!.number}.pdf`)?.equals(marker(issued[3]!.id))).toBe(true);
    expect(files.get(`invoices/${issued[1]!.number}.pdf`)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('name the same state whether it is computed from a view or in SQL, in every payment state and after redaction', async () => {
    const customer = await createCustomer();
    const unpaid = await issueTestInvoice(customer.userId);
    const partlyPaid = await issueTestInvoice(customer.userId);
    await registerTestPayment(partlyPaid.id, 1000);
    const paid = await issueTestInvoice(customer.userId);
    await registerTestPayment(paid.id, (await db.select({ gross: invoices.grossTotalMinor }).from(invoices).where(eq(invoices.id, paid.id)))[0]!.gross);
    const cancelled = await issueTestInvoice(customer.userId);
    const creditNote = await creditTestInvoice(cancelled.id);
    const redacted = await issueTestInvoice(customer.userId);
    await db.execute(sql`select invoice_redact_billing(${redacted.id})`);

    const later = new Date(Date.now() + 90 * 86_400_000); // past every due date: unpaid ones are overdue
    const states = new Set<string>();
    for (const now of [new Date(), later]) {
      for (const { id } of [unpaid, partlyPaid, paid, cancelled, creditNote, redacted]) {
        const view = (await getInvoiceOfSubject(db, customer.userId, id, now))!;
        const [row] = await db.select({ state: invoicePdfStateSql(now.toISOString().slice(0, 10)) }).from(invoices).where(eq(invoices.id, id));
        expect(row!.state, `${view.status.state} ${view.invoice.number}`).toBe(invoicePdfState(view));
        states.add(invoicePdfState(view));
      }
    }
    // Unpaid, partly paid and redacted turn overdue later; paid, cancelled and the credit note stay: 6 + 3.
    expect(states.size).toBe(9);
  });
});
