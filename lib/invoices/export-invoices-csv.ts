import 'server-only';
import { and, asc, inArray, sql } from 'drizzle-orm';
import { invoiceLines, invoices } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { buildCsv } from '@/lib/export/build-csv';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { invoicesVisibleTo } from './invoice-access';
import { invoiceFilterCondition, ZInvoiceFilters, type TInvoiceFilters } from './invoice-filters';
import { formatVatRate, invoiceKindLabels } from './invoice-text';
import { OUTER_CREDITED_INVOICE_ID, paymentStatusColumns, toPaymentStatus, utcDay } from './payment-status';

/** The most invoices one file holds; more is refused rather than cut short (an accountant would miss some). */
export const INVOICE_EXPORT_MAX_ROWS = 50_000;

/** Minor units as a decimal number (-4719 -> -47.19). A number, so a negative amount is never mistaken for a formula. */
const amount = (minor: number) => minor / 100;

/**
 * The invoices and credit notes the filters select, oldest number first, as CSV for the accountant:
 * one row per document with its taxable amount and VAT per rate (a column pair for every rate in
 * the file), its totals, VAT treatment, what was paid and, for a credit note, the invoice it
 * corrects. Every text cell goes through csvCell (formula escaping, checklist 36). The export is
 * audited ('invoices.exported') in the transaction that reads it.
 */
export async function exportInvoicesCsv(
  actor: TStaffActor,
  rawFilters: TInvoiceFilters,
  options: { maxRows?: number; now?: Date } = {},
): Promise<{ csv: string; rows: number }> {
  const filters = ZInvoiceFilters.parse(rawFilters);
  const today = utcDay(options.now ?? new Date());
  const maxRows = options.maxRows ?? INVOICE_EXPORT_MAX_ROWS;
  const condition = and(invoicesVisibleTo(actor), invoiceFilterCondition(filters, today));
  return db.transaction(async (tx) => {
    const selected = await tx
      .select({
        invoice: invoices,
        creditedInvoiceNumber: sql<string | null>`(select ci.number from invoices ci where ci.id = ${OUTER_CREDITED_INVOICE_ID})`,
        ...paymentStatusColumns(today),
      })
      .from(invoices)
      .where(condition)
      .orderBy(asc(invoices.series), asc(invoices.year), asc(invoices.sequence))
      .limit(maxRows + 1);
    if (selected.length > maxRows) {
      throw new AppError('INVALID_INPUT', `More than ${maxRows.toLocaleString('en-IE')} invoices match. Narrow the filters (for example the dates) and export again.`);
    }
    const ids = selected.map((row) => row.invoice.id);
    const perRate = ids.length
      ? await tx
          .select({
            invoiceId: invoiceLines.invoiceId,
            rate: invoiceLines.vatRateBasisPoints,
            net: sql<number>`sum(${invoiceLines.netMinor})::int`,
            vat: sql<number>`sum(${invoiceLines.vatMinor})::int`,
          })
          .from(invoiceLines)
          .where(inArray(invoiceLines.invoiceId, ids))
          .groupBy(invoiceLines.invoiceId, invoiceLines.vatRateBasisPoints)
      : [];
    await recordAuditEntry(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'invoices.exported', clientIp: actor.client.ip });

    const rates = [...new Set(perRate.map((row) => row.rate))].sort((a, b) => b - a);
    const byInvoice = new Map<string, Map<number, { net: number; vat: number }>>();
    for (const row of perRate) {
      const rows = byInvoice.get(row.invoiceId) ?? new Map<number, { net: number; vat: number }>();
      rows.set(row.rate, { net: row.net, vat: row.vat });
      byInvoice.set(row.invoiceId, rows);
    }
    const header = [
      'Number',
      'Kind',
      'Issue date',
      'Due date',
      'Buyer name',
      'Buyer company',
      'Buyer country',
      'Buyer VAT number',
      'Currency',
      'Net',
      ...rates.flatMap((rate) => [`Taxable at ${formatVatRate(rate)}`, `VAT at ${formatVatRate(rate)}`]),
      'VAT total',
      'Gross',
      'VAT treatment',
      'Paid amount',
      'Payment state',
      'Credited invoice',
    ];
    const csv = buildCsv(
      header,
      selected.map(({ invoice, creditedInvoiceNumber, ...statusRow }) => {
        const status = toPaymentStatus({ ...statusRow, grossTotalMinor: invoice.grossTotalMinor });
        const rateCells = rates.flatMap((rate) => {
          const cell = byInvoice.get(invoice.id)?.get(rate);
          return cell ? [amount(cell.net), amount(cell.vat)] : [null, null];
        });
        return [
          invoice.number,
          invoiceKindLabels[invoice.kind],
          invoice.issueDate,
          invoice.dueDate,
          invoice.buyerName,
          invoice.buyerCompany,
          invoice.buyerCountryCode,
          invoice.buyerVatNumber,
          invoice.currency,
          amount(invoice.netTotalMinor),
          ...rateCells,
          amount(invoice.vatTotalMinor),
          amount(invoice.grossTotalMinor),
          invoice.vatTreatment,
          amount(status.paidMinor),
          status.state,
          creditedInvoiceNumber,
        ];
      }),
    );
    return { csv, rows: selected.length };
  });
}
