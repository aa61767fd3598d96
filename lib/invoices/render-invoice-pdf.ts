import 'server-only';
import { Readable } from 'node:stream';
import { formatDate } from '@/lib/format/date';
import { formatMoney } from '@/lib/format/money';
import type { TInvoiceView } from './get-invoice';
import { documentWithStandardFonts } from './pdf-standard-fonts';
import { buyerLines, formatVatRate, invoiceKindLabels, sellerAddressLines, vatTreatmentLabels } from './invoice-text';
import { toWinAnsi } from './pdf-text';

const MARGIN = 50;
const INK = '#18201e';
const MUTED = '#55605d';
const RULE = '#c8d2cf';
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

type TDoc = PDFKit.PDFDocument;

/**
 * The version of the layout below. Stored PDFs (lib/invoices/invoice-pdfs.ts) are drawn again when
 * it changes: raise it with any change to what a PDF looks like or says. A unit test pins the bytes
 * of a sample invoice to this number, so a change that forgets it fails there.
 */
export const INVOICE_PDF_LAYOUT = 1;

/** Text in a standard font: every value goes through toWinAnsi, so no character prints as garbage. */
function write(doc: TDoc, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & { font?: string; size?: number; color?: string } = {}) {
  const { font = REGULAR, size = 10, color = INK, ...rest } = options;
  doc.font(font).fontSize(size).fillColor(color).text(toWinAnsi(text), x, y, rest);
  return doc.y;
}

function rule(doc: TDoc, y: number) {
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
}

/** A new page when fewer than `needed` points are left above the bottom margin. */
function ensureRoom(doc: TDoc, y: number, needed: number): number {
  if (y + needed <= doc.page.height - MARGIN) return y;
  doc.addPage();
  return MARGIN;
}

/**
 * The invoice or credit note as a PDF with the contents of art. 226 VAT Directive, from the same
 * view as the HTML page. Returns the document as a stream that is ended; invoicePdfBuffer collects it for storing.
 */
export function renderInvoicePdf(view: TInvoiceView): Readable {
  const { invoice, lines, vatBreakdown, status } = view;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const title = invoiceKindLabels[invoice.kind];
  // Helvetica first: the font pdfkit would open by default, so the fonts keep pdfkit's own ids.
  const doc = documentWithStandardFonts(
    {
      size: 'A4',
      margin: MARGIN,
      // Dated when the document was issued, so the same invoice in the same state is the same file.
      info: { Title: toWinAnsi(`${title} ${invoice.number}`), Author: toWinAnsi(invoice.sellerName), Subject: toWinAnsi(`${title} ${invoice.number}`), CreationDate: invoice.issuedAt },
    },
    [REGULAR, BOLD],
  );
  const width = doc.page.width - 2 * MARGIN;
  const right = doc.page.width - MARGIN;

  // Seller (art. 226(5), (3)) on the left, what this document is on the right.
  let sellerY = write(doc, invoice.sellerName, MARGIN, MARGIN, { font: BOLD, size: 14, width: 280 });
  for (const line of sellerAddressLines(invoice.sellerAddress)) sellerY = write(doc, line, MARGIN, sellerY, { width: 280 });
  sellerY = write(doc, `VAT number: ${invoice.sellerVatNumber}`, MARGIN, sellerY, { width: 280 });

  let headY = write(doc, title.toUpperCase(), right - 200, MARGIN, { font: BOLD, size: 18, width: 200, align: 'right' });
  headY = write(doc, `Number: ${invoice.number}`, right - 200, headY + 4, { font: BOLD, width: 200, align: 'right' });
  headY = write(doc, `Issue date: ${formatDate(invoice.issueDate)}`, right - 200, headY, { width: 200, align: 'right' });
  if (invoice.dueDate) headY = write(doc, `Due date: ${formatDate(invoice.dueDate)}`, right - 200, headY, { width: 200, align: 'right' });

  // Buyer (art. 226(5)); the VAT number only where the buyer accounts for the VAT (226(4)).
  let y = Math.max(sellerY, headY) + 24;
  y = write(doc, invoice.kind === 'credit_note' ? 'Credited to' : 'Bill to', MARGIN, y, { font: BOLD, size: 9, color: MUTED });
  for (const line of buyerLines(invoice)) y = write(doc, line, MARGIN, y, { width: 300 });
  if (invoice.buyerVatNumber) y = write(doc, `VAT number: ${invoice.buyerVatNumber}`, MARGIN, y, { width: 300 });

  if (invoice.kind === 'credit_note') {
    y += 14;
    const corrected = view.creditedInvoice ? `invoice ${view.creditedInvoice.number} of ${formatDate(view.creditedInvoice.issueDate)}` : 'an earlier invoice';
    y = write(doc, `This credit note cancels ${corrected}.`, MARGIN, y, { font: BOLD, width });
    if (invoice.reason) y = write(doc, `Reason: ${invoice.reason}`, MARGIN, y, { width });
  }

  // The licences (art. 226(6)), each with its taxable amount and rate (226(8), (9)).
  y += 20;
  const columns = { position: MARGIN, description: MARGIN + 24, rate: right - 170, net: right - 120, vat: right - 60 };
  const header = (top: number) => {
    write(doc, '#', columns.position, top, { font: BOLD, size: 9, color: MUTED });
    write(doc, 'Licence', columns.description, top, { font: BOLD, size: 9, color: MUTED });
    write(doc, 'VAT rate', columns.rate, top, { font: BOLD, size: 9, color: MUTED, width: 45, align: 'right' });
    write(doc, 'Net', columns.net, top, { font: BOLD, size: 9, color: MUTED, width: 55, align: 'right' });
    write(doc, 'VAT', columns.vat, top, { font: BOLD, size: 9, color: MUTED, width: 60, align: 'right' });
    rule(doc, top + 14);
    return top + 20;
  };
  y = header(y);
  const descriptionWidth = columns.rate - columns.description - 12;
  for (const line of lines) {
    doc.font(REGULAR).fontSize(9);
    const height = doc.heightOfString(toWinAnsi(line.description), { width: descriptionWidth });
    if (y + height + 8 > doc.page.height - MARGIN) y = header(ensureRoom(doc, y, height + 40));
    write(doc, String(line.position), columns.position, y, { size: 9 });
    const bottom = write(doc, line.description, columns.description, y, { size: 9, width: descriptionWidth });
    write(doc, formatVatRate(line.vatRateBasisPoints), columns.rate, y, { size: 9, width: 45, align: 'right' });
    write(doc, money(line.netMinor), columns.net, y, { size: 9, width: 55, align: 'right' });
    write(doc, money(line.vatMinor), columns.vat, y, { size: 9, width: 60, align: 'right' });
    y = bottom + 8;
  }
  rule(doc, y - 4);

  // VAT per rate (226(8)-(10)) and the totals.
  y = ensureRoom(doc, y + 10, 60 + 14 * (vatBreakdown.length + 4));
  write(doc, 'VAT summary', MARGIN, y, { font: BOLD, size: 9, color: MUTED });
  write(doc, 'Taxable amount', MARGIN + 90, y, { font: BOLD, size: 9, color: MUTED, width: 90, align: 'right' });
  y = write(doc, 'VAT', MARGIN + 190, y, { font: BOLD, size: 9, color: MUTED, width: 70, align: 'right' });
  for (const row of vatBreakdown) {
    write(doc, `at ${formatVatRate(row.rateBasisPoints)}`, MARGIN, y, { size: 9 });
    write(doc, money(row.netMinor), MARGIN + 90, y, { size: 9, width: 90, align: 'right' });
    y = write(doc, money(row.vatMinor), MARGIN + 190, y, { size: 9, width: 70, align: 'right' });
  }
  let totalsY = y - 14 * (vatBreakdown.length + 1);
  const total = (label: string, amount: number, bold = false) => {
    write(doc, label, right - 220, totalsY, { font: bold ? BOLD : REGULAR, size: bold ? 11 : 10, width: 120 });
    totalsY = write(doc, money(amount), right - 100, totalsY, { font: bold ? BOLD : REGULAR, size: bold ? 11 : 10, width: 100, align: 'right' });
  };
  total('Net total', invoice.netTotalMinor);
  total('VAT total', invoice.vatTotalMinor);
  total(invoice.kind === 'credit_note' ? 'Total credited' : 'Total', invoice.grossTotalMinor, true);
  y = Math.max(y, totalsY) + 16;

  // The exemption or reverse-charge note (226(11), (11a)).
  if (invoice.vatNote) {
    y = ensureRoom(doc, y, 40);
    y = write(doc, invoice.vatNote, MARGIN, y, { font: BOLD, width }) + 10;
  }

  y = ensureRoom(doc, y, 80);
  rule(doc, y);
  y += 10;
  if (invoice.kind === 'invoice') {
    let payment = `Payment status: ${status.label}`;
    if (status.state === 'unpaid' || status.state === 'overdue') payment += `. Amount due ${money(status.dueMinor)} by ${formatDate(invoice.dueDate!)}`;
    if (status.paidMinor > 0) payment += `. Received ${money(status.paidMinor)}`;
    if (view.creditNote) payment += `. Cancelled by credit note ${view.creditNote.number}`;
    y = write(doc, `${payment}.`, MARGIN, y, { font: BOLD, width });
  } else {
    y = write(doc, `${status.label}: nothing is due on a credit note.`, MARGIN, y, { font: BOLD, width });
  }
  y = write(doc, `VAT treatment: ${vatTreatmentLabels[invoice.vatTreatment]}. Amounts in ${invoice.currency}.`, MARGIN, y + 4, { size: 9, color: MUTED, width });
  write(doc, `Licences granted under the licence terms version ${invoice.licenceTermsVersion}.`, MARGIN, y, { size: 9, color: MUTED, width });

  doc.end();
  return doc;
}

/** The whole PDF in memory, as it is stored (lib/invoices/invoice-pdfs.ts). */
export async function invoicePdfBuffer(view: TInvoiceView): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of renderInvoicePdf(view)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
