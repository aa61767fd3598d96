import 'server-only';
import { Readable } from 'node:stream';
import type { TExecutor } from '@/lib/db/client';
import { drawAndStoreInvoicePdfs, storedInvoicePdfs } from '@/lib/invoices/invoice-pdfs';
import { invoiceViewBatchesOfSubject } from '@/lib/invoices/invoice-views-of-subject';

/** Adds one file to the export's ZIP and resolves once the ZIP has taken it. */
export type TAppendFile = (name: string, source: Readable, options: { store?: boolean }) => Promise<void>;

/** An invoice number as a file name: anything but letters, digits, dot, dash and underscore becomes '_'. */
export const invoiceFileName = (number: string) => `invoices/${number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;

/**
 * The subject's invoices and credit notes, one PDF each in number order, for their data export.
 * The views and their stored PDFs are read in batches in the export's transaction (the same moment
 * as its CSV files); a PDF not stored for that state is drawn and stored. Each is handed to the ZIP
 * in one piece, stored (a PDF's content is compressed already). Returns how many were added.
 */
export async function appendInvoicePdfs(executor: TExecutor, subjectUserId: string, append: TAppendFile): Promise<number> {
  let count = 0;
  for await (const views of invoiceViewBatchesOfSubject(executor, subjectUserId)) {
    const stored = await storedInvoicePdfs(executor, views);
    const drawn = await drawAndStoreInvoicePdfs(views.filter((view) => !stored.has(view.invoice.id)));
    for (const view of views) {
      // One chunk per PDF: a PDF in many small pieces would cost a pass through archiver, the CRC,
      // the cipher and the file write for each.
      const pdf = stored.get(view.invoice.id) ?? drawn.get(view.invoice.id)!;
      await append(invoiceFileName(view.invoice.number), Readable.from([pdf], { objectMode: false }), { store: true });
      count++;
    }
  }
  return count;
}
