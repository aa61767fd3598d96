import 'server-only';
import { createHash } from 'node:crypto';
import type { TInvoiceView } from './get-invoice';
import { INVOICE_PDF_LAYOUT } from './render-invoice-pdf';

/**
 * A hash of everything the PDF of this view shows, and of the layout that draws it: the document
 * row (seller, buyer, dates, totals, notes), its lines, its payment state, and the invoice or credit
 * note it is linked to. A stored PDF with another hash shows an older state (a payment since, the
 * due date passed, a credit note, billing details redacted) and is drawn again. What the PDF does
 * not print (thumbnails' visibility, the payments list, the reminders sent) is left out, so it does
 * not throw a stored PDF away.
 */
export function invoicePdfContentSha256(view: TInvoiceView): string {
  const { invoice, lines, status, creditedInvoice, creditNote } = view;
  const shown = {
    layout: INVOICE_PDF_LAYOUT,
    invoice,
    lines: lines.map(({ imagePublished: _notPrinted, ...line }) => line),
    status,
    creditedInvoice: creditedInvoice && { number: creditedInvoice.number, issueDate: creditedInvoice.issueDate },
    creditNote: creditNote && creditNote.number,
  };
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex');
}
