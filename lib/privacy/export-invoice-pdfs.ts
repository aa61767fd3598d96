import 'server-only';
import { Readable } from 'node:stream';
import type { TExecutor } from '@/lib/db/client';
import { invoiceViewsOfSubject } from '@/lib/invoices/invoice-views-of-subject';
import { invoicePdfBuffer } from '@/lib/invoices/render-invoice-pdf';

/** Adds one file to the export's ZIP and resolves once the ZIP has taken it. */
export type TAppendFile = (name: string, source: Readable, options: { store?: boolean }) => Promise<void>;

/** An invoice number as a file name: anything but letters, digits, dot, dash and underscore becomes '_'. */
export const invoiceFileName = (number: string) => `invoices/${number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;

/**
 * The subject's invoices and credit notes, one PDF each in number order, for their data export.
 * The views are read in batches in the export's transaction (the same moment as its CSV files),
 * the next batch while this one is drawn; each PDF is drawn and handed to the ZIP one at a time, in
 * one piece, stored (a PDF's content is compressed already). Returns how many were added.
 */
export async function appendInvoicePdfs(executor: TExecutor, subjectUserId: string, append: TAppendFile): Promise<number> {
  let count = 0;
  for await (const view of invoiceViewsOfSubject(executor, subjectUserId)) {
    // One chunk per PDF: pdfkit hands its document over in a hundred small pieces, and each piece
    // would cost a pass through archiver, the CRC, the cipher and the file write.
    const pdf = await invoicePdfBuffer(view);
    await append(invoiceFileName(view.invoice.number), Readable.from([pdf], { objectMode: false }), { store: true });
    count++;
  }
  return count;
}
