import 'server-only';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import type { TInvoiceView } from './get-invoice';
import { paymentStatusColumns } from './payment-status';
import { INVOICE_PDF_LAYOUT } from './render-invoice-pdf';

/*
 * Which state of an invoice or credit note its PDF shows. An issued document never changes (the
 * invoices_immutable and invoice_lines_immutable triggers) except for retention redacting its billing
 * details, so what its PDF prints can change only with its payment state, what was paid, the credit
 * note that cancels it, that redaction, and the layout. A stored PDF whose state is not the
 * document's current one is drawn again. The same key is computed from a view (when a PDF is drawn)
 * and in SQL (when a data export picks the stored PDFs that are still current, without reading views).
 */

export function invoicePdfState(view: TInvoiceView): string {
  return [INVOICE_PDF_LAYOUT, view.status.state, view.status.paidMinor, view.creditNote?.number ?? '', view.invoice.billingRedactedAt ? 'redacted' : ''].join('|');
}

/** invoicePdfState of the `invoices` row in the query, on `today` (a UTC day, as the views read it). */
export function invoicePdfStateSql(today: string): SQL<string> {
  const { paymentState, paidMinor, creditNoteNumber } = paymentStatusColumns(today);
  return sql<string>`concat_ws('|', ${String(INVOICE_PDF_LAYOUT)}::text, ${paymentState}, ${paidMinor}::text, coalesce(${creditNoteNumber}, ''),
    case when ${invoices.billingRedactedAt} is null then '' else 'redacted' end)`;
}

/**
 * Whether a stored PDF's state key (a column) is one of a redacted document: retention deletes the
 * stored PDFs of redacted invoices that are not, since they print the billing details it redacted.
 */
export function stateKeyShowsRedaction(stateKey: SQL | AnyColumn): SQL<boolean> {
  return sql<boolean>`(${stateKey} like '%|redacted')`;
}
