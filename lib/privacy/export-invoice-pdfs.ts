import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { drawAndStoreInvoicePdfs, subjectInvoicePdfBatch } from '@/lib/invoices/invoice-pdfs';
import { invoiceViewsWithIds } from '@/lib/invoices/invoice-views-with-ids';

/** Hands files to the export's ZIP at once; resolves when the ZIP has taken the last of them. */
export type TAppendFiles = (files: Array<{ name: string; data: Buffer }>) => Promise<void>;

/** PDFs read per batch: 250 stored PDFs are about a megabyte, and two batches are in memory at most; smaller batches cost more round trips (bench/privacy). */
export const INVOICE_PDF_BATCH = 250;

/** An invoice number as a file name: anything but letters, digits, dot, dash and underscore becomes '_'. */
export const invoiceFileName = (number: string) => `invoices/${number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;

/**
 * The subject's invoices and credit notes, one PDF each in number order, for their data export.
 * Read in batches in the export's transaction (the same moment as its CSV files): the stored PDFs
 * that show each document's current state are copied; the others are drawn from the document's view
 * and stored. The next batch is read while the ZIP takes this one. Returns how many were added.
 */
export async function appendInvoicePdfs(executor: TExecutor, subjectUserId: string, appendFiles: TAppendFiles, batchSize = INVOICE_PDF_BATCH, now = new Date()): Promise<number> {
  let count = 0;
  let taking: Promise<void> = Promise.resolve();
  let afterNumber: string | null = null;
  for (;;) {
    const batch = await subjectInvoicePdfBatch(executor, subjectUserId, afterNumber, batchSize, now);
    const toDraw = batch.filter((row) => !row.pdf).map((row) => row.id);
    const drawn = toDraw.length ? await drawAndStoreInvoicePdfs(await invoiceViewsWithIds(executor, toDraw, now), now) : new Map<string, Buffer>();
    await taking;
    taking = appendFiles(batch.map((row) => ({ name: invoiceFileName(row.number), data: row.pdf ?? drawn.get(row.id)! })));
    // Awaited before the next batch is handed over or at the end; until then a failure is not unhandled.
    taking.catch(() => undefined);
    count += batch.length;
    if (batch.length < batchSize) break;
    afterNumber = batch.at(-1)!.number;
  }
  await taking;
  return count;
}
