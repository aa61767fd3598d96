import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { invoicePdfs, invoices } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import type { TInvoiceView } from './get-invoice';
import { invoicePdfState, invoicePdfStateSql } from './invoice-pdf-state';
import { invoiceViewsWithIds } from './invoice-views-with-ids';
import { utcDay } from './payment-status';
import { invoicePdfBuffer } from './render-invoice-pdf';

/**
 * Invoice PDFs are drawn once per state and stored (invoice_pdfs): right after the change that
 * gives an invoice a new state (issued, paid, cancelled by a credit note), or by the first reader
 * that finds the stored one out of date (the due date passed, retention redacted the billing
 * details). Downloads and data exports copy the stored bytes; drawing a thousand PDFs took two
 * seconds of an export that is otherwise under one and a half. Which state a PDF shows: invoice-pdf-state.ts.
 */

/** The stored PDFs that show what these views show, by invoice id; the others are missing from the map. */
export async function storedInvoicePdfs(executor: TExecutor, views: readonly TInvoiceView[]): Promise<Map<string, Buffer>> {
  if (!views.length) return new Map();
  const ids = views.map((view) => view.invoice.id);
  const states = views.map(invoicePdfState);
  const rows = await executor
    .select({ invoiceId: invoicePdfs.invoiceId, pdf: invoicePdfs.pdf })
    .from(invoicePdfs)
    .where(sql`(${invoicePdfs.invoiceId}, ${invoicePdfs.stateKey}) in (select * from unnest(${sql.param(ids)}::uuid[], ${sql.param(states)}::text[]))`);
  return new Map(rows.map((row) => [row.invoiceId, row.pdf]));
}

/**
 * A person's invoices and credit notes in number order after `afterNumber`, each with its stored PDF
 * when that still shows the document's state (else null), in one query: the data export reads views
 * only for the PDFs it has to draw.
 */
export async function subjectInvoicePdfBatch(executor: TExecutor, subjectUserId: string, afterNumber: string | null, batchSize: number, now: Date) {
  return executor
    .select({ id: invoices.id, number: invoices.number, pdf: invoicePdfs.pdf })
    .from(invoices)
    .leftJoin(invoicePdfs, and(eq(invoicePdfs.invoiceId, invoices.id), eq(invoicePdfs.stateKey, invoicePdfStateSql(utcDay(now)))))
    .where(and(eq(invoices.customerUserId, subjectUserId), afterNumber === null ? undefined : gt(invoices.number, afterNumber)))
    .orderBy(asc(invoices.number))
    .limit(batchSize);
}

/**
 * Draws the PDFs of these views (read at `now`) and stores them in one statement (on the pool,
 * outside any transaction), replacing any of an older state. Storing is a saving, not a duty: when
 * it fails the PDFs are still returned and the next reader draws them again. A PDF is stored only
 * while its state is still the document's when the statement runs: a view read before a change
 * committed since (a data export's snapshot taken before retention redacted the invoice, a refresh
 * overtaken by a later payment) must not put back what that change replaced, least of all billing
 * details retention has just redacted. Two writers of the same state: the last one wins.
 */
export async function drawAndStoreInvoicePdfs(views: readonly TInvoiceView[], now = new Date()): Promise<Map<string, Buffer>> {
  const drawn = new Map<string, Buffer>();
  if (!views.length) return drawn;
  const ids: string[] = [];
  const states: string[] = [];
  const pdfs: Buffer[] = [];
  for (const view of views) {
    const pdf = await invoicePdfBuffer(view);
    drawn.set(view.invoice.id, pdf);
    ids.push(view.invoice.id);
    states.push(invoicePdfState(view));
    pdfs.push(pdf);
  }
  try {
    await db.execute(sql`
      insert into invoice_pdfs (invoice_id, state_key, pdf)
      select drawn.invoice_id, drawn.state_key, drawn.pdf
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(states)}::text[], ${sql.param(pdfs)}::bytea[]) as drawn(invoice_id, state_key, pdf)
        join invoices on invoices.id = drawn.invoice_id
       where drawn.state_key = ${invoicePdfStateSql(utcDay(now))}
      on conflict (invoice_id) do update set state_key = excluded.state_key, pdf = excluded.pdf, rendered_at = now()`);
  } catch (error) {
    logLine('warn', 'invoice-pdfs', `storing ${views.length} drawn invoice PDF(s) failed; they are drawn again when next read: ${errorSummary(error)}`);
  }
  return drawn;
}

/** The PDF of one invoice or credit note as its view (read at `now`) shows it: the stored one, or drawn and stored now. */
export async function invoicePdf(view: TInvoiceView, now = new Date()): Promise<Buffer> {
  const stored = (await storedInvoicePdfs(db, [view])).get(view.invoice.id);
  return stored ?? (await drawAndStoreInvoicePdfs([view], now)).get(view.invoice.id)!;
}

/**
 * Draws and stores the PDFs of invoices whose state just changed. Called after the commit of the
 * change; a failure is logged and changes nothing else: the next download or export draws it.
 */
export async function refreshInvoicePdfs(invoiceIds: readonly string[], now = new Date()): Promise<void> {
  try {
    const views = await invoiceViewsWithIds(db, invoiceIds, now);
    const stored = await storedInvoicePdfs(db, views);
    await drawAndStoreInvoicePdfs(views.filter((view) => !stored.has(view.invoice.id)), now);
  } catch (error) {
    logLine('warn', 'invoice-pdfs', `reading ${invoiceIds.length} invoice(s) to store their PDFs failed; they are drawn when next read: ${errorSummary(error)}`);
  }
}
