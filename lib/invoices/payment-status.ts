import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';

/**
 * Where an invoice or credit note stands:
 * - paid: the payments registered against it add up to at least its gross total;
 * - overdue: not paid, and its due date has passed (the due date itself is still in time);
 * - unpaid: not paid, not yet due;
 * - credited: cancelled by a credit note, so nothing is due, whatever was paid;
 * - credit_note: a credit note, settled by the cancellation itself (it has no due date).
 */
export const paymentStates = ['unpaid', 'overdue', 'paid', 'credited', 'credit_note'] as const;
export type TPaymentState = (typeof paymentStates)[number];

export const paymentStateLabels: Record<TPaymentState, string> = {
  unpaid: 'Unpaid',
  overdue: 'Overdue',
  paid: 'Paid',
  credited: 'Cancelled by credit note',
  credit_note: 'Credit note (settled)',
};

/** Today as a calendar day in UTC, as due dates are stored. */
export const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * The outer row's columns, written out with their table: drizzle leaves a column of a one-table
 * select unqualified, and inside a subquery on invoices an unqualified "id" is the inner row's.
 */
export const OUTER_INVOICE_ID = sql.raw('"invoices"."id"');
export const OUTER_CREDITED_INVOICE_ID = sql.raw('"invoices"."credited_invoice_id"');

const paidSql = sql<number>`coalesce((select sum(p.amount_minor) from invoice_payments p where p.invoice_id = ${OUTER_INVOICE_ID}), 0)::int`;
const creditNoteIdSql = sql<string | null>`(select cn.id from invoices cn where cn.credited_invoice_id = ${OUTER_INVOICE_ID})`;
const creditNoteNumberSql = sql<string | null>`(select cn.number from invoices cn where cn.credited_invoice_id = ${OUTER_INVOICE_ID})`;

/**
 * THE definition of the payment state, as SQL over the `invoices` row in the query, so the pages,
 * the filters, the CSV export and the reminder job all select, filter and count by the same rule.
 * `today` is a UTC calendar day ('2026-03-05').
 */
export function paymentStateSql(today: string): SQL<TPaymentState> {
  return sql<TPaymentState>`(case
    when ${invoices.kind} = 'credit_note' then 'credit_note'
    when exists (select 1 from invoices cn where cn.credited_invoice_id = ${OUTER_INVOICE_ID}) then 'credited'
    when ${paidSql} >= ${invoices.grossTotalMinor} then 'paid'
    when ${invoices.dueDate} < ${today}::date then 'overdue'
    else 'unpaid' end)`;
}

/** The columns every read of an invoice selects for its payment status (spread into a select). */
export function paymentStatusColumns(today: string) {
  return {
    paymentState: paymentStateSql(today),
    paidMinor: paidSql,
    creditNoteId: creditNoteIdSql,
    creditNoteNumber: creditNoteNumberSql,
  };
}

export type TPaymentStatus = {
  state: TPaymentState;
  label: string;
  paidMinor: number;
  /** What the buyer still owes: zero once paid, credited, or for a credit note. */
  dueMinor: number;
};

/** The status of a row read with paymentStatusColumns; the state is the SQL's, never recomputed here. */
export function toPaymentStatus(row: { paymentState: TPaymentState; paidMinor: number; grossTotalMinor: number }): TPaymentStatus {
  const open = row.paymentState === 'unpaid' || row.paymentState === 'overdue';
  return {
    state: row.paymentState,
    label: paymentStateLabels[row.paymentState],
    paidMinor: Number(row.paidMinor),
    dueMinor: open ? Math.max(row.grossTotalMinor - Number(row.paidMinor), 0) : 0,
  };
}

/**
 * One invoice's status, for a use case that needs it (registering a payment decides from it
 * whether the order is now paid). Null for an unknown id. Pass the use case's transaction so a
 * payment inserted in it counts.
 */
export async function readPaymentStatus(executor: TExecutor, invoiceId: string, now = new Date()): Promise<TPaymentStatus | null> {
  const [row] = await executor
    .select({ grossTotalMinor: invoices.grossTotalMinor, ...paymentStatusColumns(utcDay(now)) })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  return row ? toPaymentStatus(row) : null;
}
