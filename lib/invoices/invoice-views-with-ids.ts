import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { images, invoiceLines, invoicePayments, invoiceReminders, invoices } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { invoiceView, type TInvoiceStatusRow, type TInvoiceView } from './get-invoice';
import { paymentStatusColumns, utcDay } from './payment-status';

/**
 * The views of these invoices, in number order, as getInvoiceOfSubject reads each one (the same
 * TInvoiceView): the invoices, then their lines, payments, reminders and credited invoices in one
 * query each. Any buyer's: for code that draws their PDFs, never for showing one to a person.
 */
export async function invoiceViewsWithIds(executor: TExecutor, ids: readonly string[], now = new Date()): Promise<TInvoiceView[]> {
  if (!ids.length) return [];
  const rows = await executor
    .select({ invoice: invoices, ...paymentStatusColumns(utcDay(now)) })
    .from(invoices)
    .where(inArray(invoices.id, [...ids]))
    .orderBy(asc(invoices.number));
  return rows.length ? viewsOf(executor, rows) : [];
}

async function viewsOf(executor: TExecutor, rows: TInvoiceStatusRow[]): Promise<TInvoiceView[]> {
  const ids = rows.map((row) => row.invoice.id);
  const creditedIds = rows.flatMap((row) => (row.invoice.creditedInvoiceId ? [row.invoice.creditedInvoiceId] : []));
  // One after the other: in a transaction they share one connection anyway.
  const lines = await executor
    .select({ line: invoiceLines, imagePublished: images.published })
    .from(invoiceLines)
    .leftJoin(images, eq(images.id, invoiceLines.imageId))
    .where(inArray(invoiceLines.invoiceId, ids))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  const payments = await executor
    .select({ invoiceId: invoicePayments.invoiceId, paidOn: invoicePayments.paidOn, amountMinor: invoicePayments.amountMinor, method: invoicePayments.method })
    .from(invoicePayments)
    .where(inArray(invoicePayments.invoiceId, ids))
    .orderBy(asc(invoicePayments.invoiceId), asc(invoicePayments.paidOn), asc(invoicePayments.registeredAt));
  const reminders = await executor
    .select({ invoiceId: invoiceReminders.invoiceId, level: invoiceReminders.level })
    .from(invoiceReminders)
    .where(inArray(invoiceReminders.invoiceId, ids))
    .orderBy(asc(invoiceReminders.invoiceId), asc(invoiceReminders.level));
  // The invoice a credit note corrects is the same person's; read by id as getInvoiceOfSubject does.
  const credited = creditedIds.length
    ? await executor.select({ id: invoices.id, number: invoices.number, issueDate: invoices.issueDate }).from(invoices).where(inArray(invoices.id, creditedIds))
    : [];

  const linesOf = groupBy(lines, (row) => row.line.invoiceId);
  const paymentsOf = groupBy(payments, (row) => row.invoiceId);
  const remindersOf = groupBy(reminders, (row) => row.invoiceId);
  const creditedById = new Map(credited.map((row) => [row.id, row]));
  return rows.map((row) =>
    invoiceView({
      row,
      lines: linesOf.get(row.invoice.id) ?? [],
      payments: (paymentsOf.get(row.invoice.id) ?? []).map(({ paidOn, amountMinor, method }) => ({ paidOn, amountMinor, method })),
      reminderLevels: (remindersOf.get(row.invoice.id) ?? []).map((reminder) => reminder.level),
      creditedInvoice: (row.invoice.creditedInvoiceId && creditedById.get(row.invoice.creditedInvoiceId)) || null,
    }),
  );
}

/** Rows by key, each group in the rows' order. */
function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}
