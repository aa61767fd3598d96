import 'server-only';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import type { TStaffActor } from '@/lib/staff/require-staff';
import { invoicesVisibleTo } from './invoice-access';
import { invoiceFilterCondition, ZInvoiceFilters, type TInvoiceFilters } from './invoice-filters';
import { OUTER_CREDITED_INVOICE_ID, OUTER_INVOICE_ID, paymentStateSql, paymentStatusColumns, toPaymentStatus, utcDay, type TPaymentStatus } from './payment-status';

export type TInvoiceListRow = {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  buyerName: string;
  buyerCompany: string | null;
  buyerCountryCode: string;
  currency: string;
  grossTotalMinor: number;
  status: TPaymentStatus;
  creditNoteNumber: string | null;
  creditedInvoiceNumber: string | null;
  /** The highest overdue reminder mailed, or null. */
  reminderLevel: number | null;
};

function listColumns(today: string) {
  return {
    id: invoices.id,
    kind: invoices.kind,
    number: invoices.number,
    issueDate: invoices.issueDate,
    dueDate: invoices.dueDate,
    buyerName: invoices.buyerName,
    buyerCompany: invoices.buyerCompany,
    buyerCountryCode: invoices.buyerCountryCode,
    currency: invoices.currency,
    grossTotalMinor: invoices.grossTotalMinor,
    creditedInvoiceNumber: sql<string | null>`(select ci.number from invoices ci where ci.id = ${OUTER_CREDITED_INVOICE_ID})`,
    reminderLevel: sql<number | null>`(select max(r.level) from invoice_reminders r where r.invoice_id = ${OUTER_INVOICE_ID})`,
    ...paymentStatusColumns(today),
  };
}

/** The list query before its condition, order and page; the rows' type is read from it. */
const selectList = (today: string) => db.select(listColumns(today)).from(invoices).$dynamic();
type TSelectedRow = Awaited<ReturnType<typeof selectList>>[number];

function toListRow(row: TSelectedRow): TInvoiceListRow {
  const { paymentState, paidMinor, creditNoteId: _creditNoteId, reminderLevel, ...rest } = row;
  return {
    ...rest,
    status: toPaymentStatus({ paymentState, paidMinor, grossTotalMinor: row.grossTotalMinor }),
    reminderLevel: reminderLevel === null ? null : Number(reminderLevel),
  };
}

/** The customer's own invoices and credit notes, newest first (a customer has tens, not thousands). */
export async function listMyInvoices(actor: TCustomerActor, now = new Date()): Promise<TInvoiceListRow[]> {
  const rows = await selectList(utcDay(now))
    .where(invoicesVisibleTo(actor))
    .orderBy(desc(invoices.issuedAt), desc(invoices.number))
    .limit(500);
  return rows.map(toListRow);
}

export type TStaffInvoicePage = { rows: TInvoiceListRow[]; total: number; overdueCount: number; page: number; pageCount: number };

/**
 * The back office list: every invoice and credit note the filters select, newest first; the
 * overdue list (state 'overdue') oldest due date first, as it is worked through.
 */
export async function listInvoicesForStaff(actor: TStaffActor, rawFilters: TInvoiceFilters, options: { page?: number; pageSize?: number; now?: Date } = {}): Promise<TStaffInvoicePage> {
  const filters = ZInvoiceFilters.parse(rawFilters);
  const today = utcDay(options.now ?? new Date());
  const pageSize = options.pageSize ?? 50;
  const page = options.page ?? 1;
  const condition = and(invoicesVisibleTo(actor), invoiceFilterCondition(filters, today));
  const order = filters.state === 'overdue' ? [asc(invoices.dueDate), asc(invoices.number)] : [desc(invoices.issuedAt), desc(invoices.number)];
  const [rows, [counts]] = await Promise.all([
    selectList(today)
      .where(condition)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({
        total: sql<number>`count(*) filter (where ${condition ?? sql`true`})::int`,
        overdue: sql<number>`count(*) filter (where ${eq(paymentStateSql(today), 'overdue')})::int`,
      })
      .from(invoices),
  ]);
  const total = counts?.total ?? 0;
  return { rows: rows.map(toListRow), total, overdueCount: counts?.overdue ?? 0, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
