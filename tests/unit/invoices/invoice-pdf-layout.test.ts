/**
 * Stored invoice PDFs are drawn again only when what they show changes or INVOICE_PDF_LAYOUT is
 * raised. This pins the bytes of a sample invoice to the layout number: a change to the layout
 * (or to pdfkit's output) fails here until the number is raised and the digest recorded with it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TInvoiceView } from '@/lib/invoices/get-invoice';
import { invoicePdfState } from '@/lib/invoices/invoice-pdf-state';
import { INVOICE_PDF_LAYOUT, invoicePdfBuffer } from '@/lib/invoices/render-invoice-pdf';

const view: TInvoiceView = {
  invoice: {
    id: '6f1c2f7e-7c59-4a8e-9d0c-2a4f7d1e5b01',
    kind: 'invoice',
    series: 'INV',
    year: 2026,
    sequence: 42,
    number: 'INV-2026-000042',
    orderId: '0b9e6a8c-3d2f-4e1a-8b7c-5d6e7f8a9b0c',
    customerUserId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    creditedInvoiceId: null,
    issuedAt: new Date('2026-03-05T10:15:00Z'),
    issueDate: '2026-03-05',
    dueDate: '2026-04-04',
    sellerName: 'Harbour Light Pictures B.V.',
    sellerAddress: 'Keizersgracht 1\n1015 AA Amsterdam',
    sellerCountryCode: 'NL',
    sellerVatNumber: 'NL853746333B01',
    buyerName: 'Ærø Café Ltd',
    buyerCompany: null,
    buyerEmail: 'buyer@example.test',
    buyerAddressLine1: '1 Harbour Road',
    buyerAddressLine2: null,
    buyerPostalCode: 'D02 X285',
    buyerCity: 'Dublin',
    buyerCountryCode: 'IE',
    buyerVatNumber: null,
    currency: 'EUR',
    vatTreatment: 'domestic',
    vatNote: null,
    licenceTermsVersion: '2026-01',
    netTotalMinor: 10800,
    vatTotalMinor: 2484,
    grossTotalMinor: 13284,
    reason: null,
    billingRedactedAt: null,
  },
  lines: [
    { invoiceId: '6f1c2f7e-7c59-4a8e-9d0c-2a4f7d1e5b01', position: 1, description: 'Harbour at dawn, size M, 1600 × 1067 px, royalty-free', imageId: 7, tier: 'M', widthPx: 1600, heightPx: 1067, netMinor: 3900, vatRateBasisPoints: 2300, vatMinor: 897, imagePublished: true },
    { invoiceId: '6f1c2f7e-7c59-4a8e-9d0c-2a4f7d1e5b01', position: 2, description: 'Harbour at dawn, size L, 3000 × 2000 px, royalty-free', imageId: 7, tier: 'L', widthPx: 3000, heightPx: 2000, netMinor: 6900, vatRateBasisPoints: 2300, vatMinor: 1587, imagePublished: true },
  ],
  vatBreakdown: [{ rateBasisPoints: 2300, netMinor: 10800, vatMinor: 2484 }],
  status: { state: 'unpaid', label: 'Unpaid', paidMinor: 0, dueMinor: 13284 },
  creditedInvoice: null,
  creditNote: null,
  payments: [],
  reminderLevels: [],
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the invoice PDF layout', () => {
  it('draws the same bytes for the same view, pinned to INVOICE_PDF_LAYOUT', async () => {
    const pdf = await invoicePdfBuffer(view);
    expect((await invoicePdfBuffer(view)).equals(pdf)).toBe(true);
    // On a deliberate layout change: raise INVOICE_PDF_LAYOUT and record the new digest with it.
    expect({ layout: INVOICE_PDF_LAYOUT, digest: sha256(pdf) }).toEqual({ layout: 1, digest: '85a1cc31af8e32c992e91c724ec81801cf4877e2007070363679c9da755b6782' });
  });

  it('names the state the PDF shows: a payment, a redaction or a credit note changes it, a thumbnail or a reminder does not', () => {
    const state = invoicePdfState(view);
    expect(state).toBe('1|unpaid|0||');
    expect(invoicePdfState({ ...view, status: { state: 'overdue', label: 'Overdue', paidMinor: 0, dueMinor: 13284 } })).not.toBe(state);
    expect(invoicePdfState({ ...view, status: { state: 'unpaid', label: 'Unpaid', paidMinor: 1000, dueMinor: 12284 } })).not.toBe(state);
    expect(invoicePdfState({ ...view, invoice: { ...view.invoice, buyerName: '[redacted]', billingRedactedAt: new Date() } })).not.toBe(state);
    expect(invoicePdfState({ ...view, creditNote: { id: 'x', number: 'CN-2026-000001' } })).not.toBe(state);
    expect(invoicePdfState({ ...view, lines: view.lines.map((line) => ({ ...line, imagePublished: false })) })).toBe(state);
    expect(invoicePdfState({ ...view, reminderLevels: [1], payments: [{ paidOn: '2026-03-06', amountMinor: 0, method: 'bank_transfer' }] })).toBe(state);
  });
});
