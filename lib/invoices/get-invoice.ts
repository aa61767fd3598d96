import 'server-only';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { images, invoiceLines, invoicePayments, invoiceReminders, invoices } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { invoicesVisibleTo, refuseInvoice, ZInvoiceId, type TInvoiceReader } from './invoice-access';
import { paymentStatusColumns, toPaymentStatus, utcDay, type TPaymentState, type TPaymentStatus } from './payment-status';

export type TInvoiceRow = typeof invoices.$inferSelect;

export type TInvoiceLineView = typeof invoiceLines.$inferSelect & {
  /** Whether the image is still published, so its thumbnail can be shown (the thumb answers only then). */
  imagePublished: boolean;
};

/** The VAT of one rate (art. 226(8)-(10)): the taxable amount at that rate and the VAT on it. */
export type TVatBreakdownRow = { rateBasisPoints: number; netMinor: number; vatMinor: number };

export type TInvoiceView = {
  invoice: TInvoiceRow;
  lines: TInvoiceLineView[];
  vatBreakdown: TVatBreakdownRow[];
  status: TPaymentStatus;
  /** For a credit note: the invoice it corrects. */
  creditedInvoice: { id: string; number: string; issueDate: string } | null;
  /** For an invoice: the credit note that cancelled it. */
  creditNote: { id: string; number: string } | null;
  payments: Array<{ paidOn: string; amountMinor: number; method: string }>;
  /** The reminder levels already mailed (staff see them; the buyer has them in the mailbox). */
  reminderLevels: number[];
};

/** The taxable amount and VAT per rate, highest rate first, from the invoice's own lines. */
export function vatBreakdown(lines: ReadonlyArray<Pick<TInvoiceLineView, 'vatRateBasisPoints' | 'netMinor' | 'vatMinor'>>): TVatBreakdownRow[] {
  const byRate = new Map<number, TVatBreakdownRow>();
  for (const line of lines) {
    const row = byRate.get(line.vatRateBasisPoints) ?? { rateBasisPoints: line.vatRateBasisPoints, netMinor: 0, vatMinor: 0 };
    row.netMinor += line.netMinor;
    row.vatMinor += line.vatMinor;
    byRate.set(line.vatRateBasisPoints, row);
  }
  return [...byRate.values()].sort((a, b) => b.rateBasisPoints - a.rateBasisPoints);
}

async function readInvoiceView(executor: TExecutor, actor: TInvoiceReader, rawId: string, now: Date): Promise<TInvoiceView> {
  const id = ZInvoiceId.safeParse(rawId);
  if (!id.success) throw notFound('invoice');
  const view = await readInvoiceViewWhere(executor, id.data, invoicesVisibleTo(actor), now);
  return view ?? refuseInvoice(actor, id.data);
}

async function readInvoiceViewWhere(executor: TExecutor, id: string, visible: SQL | undefined, now: Date): Promise<TInvoiceView | null> {
  const [row] = await executor
    .select({ invoice: invoices, ...paymentStatusColumns(utcDay(now)) })
    .from(invoices)
    .where(and(eq(invoices.id, id), visible));
  if (!row) return null;
  const { invoice } = row;

  const [lines, payments, reminders, credited] = await Promise.all([
    executor
      .select({ line: invoiceLines, imagePublished: images.published })
      .from(invoiceLines)
      .leftJoin(images, eq(images.id, invoiceLines.imageId))
      .where(eq(invoiceLines.invoiceId, invoice.id))
      .orderBy(asc(invoiceLines.position)),
    executor
      .select({ paidOn: invoicePayments.paidOn, amountMinor: invoicePayments.amountMinor, method: invoicePayments.method })
      .from(invoicePayments)
      .where(eq(invoicePayments.invoiceId, invoice.id))
      .orderBy(asc(invoicePayments.paidOn), asc(invoicePayments.registeredAt)),
    executor.select({ level: invoiceReminders.level }).from(invoiceReminders).where(eq(invoiceReminders.invoiceId, invoice.id)).orderBy(asc(invoiceReminders.level)),
    invoice.creditedInvoiceId
      ? executor.select({ id: invoices.id, number: invoices.number, issueDate: invoices.issueDate }).from(invoices).where(eq(invoices.id, invoice.creditedInvoiceId))
      : Promise.resolve([]),
  ]);
  return invoiceView({ row, lines, payments, reminderLevels: reminders.map((reminder) => reminder.level), creditedInvoice: credited[0] ?? null });
}

/** An invoice row read with paymentStatusColumns. */
export type TInvoiceStatusRow = { invoice: TInvoiceRow; paymentState: TPaymentState; paidMinor: number; creditNoteId: string | null; creditNoteNumber: string | null };

/**
 * The view from its parts as the queries return them (lines in position order, payments in payment
 * order): the one place both readers, one invoice or a batch of them (invoice-views-of-subject.ts), build it.
 */
export function invoiceView(parts: {
  row: TInvoiceStatusRow;
  lines: Array<{ line: typeof invoiceLines.$inferSelect; imagePublished: boolean | null }>;
  payments: TInvoiceView['payments'];
  reminderLevels: number[];
  creditedInvoice: TInvoiceView['creditedInvoice'];
}): TInvoiceView {
  const { row } = parts;
  const lineViews = parts.lines.map(({ line, imagePublished }) => ({ ...line, imagePublished: imagePublished === true }));
  return {
    invoice: row.invoice,
    lines: lineViews,
    vatBreakdown: vatBreakdown(lineViews),
    status: toPaymentStatus({ ...row, grossTotalMinor: row.invoice.grossTotalMinor }),
    creditedInvoice: parts.creditedInvoice,
    creditNote: row.creditNoteId && row.creditNoteNumber ? { id: row.creditNoteId, number: row.creditNoteNumber } : null,
    payments: parts.payments,
    reminderLevels: parts.reminderLevels,
  };
}

/**
 * An invoice or credit note as its buyer sees it (My Account, the PDF). Someone else's id is a 404
 * and is logged; a malformed id is a plain 404.
 */
export const getInvoiceForCustomer = (actor: TInvoiceReader & { kind: 'customer' }, id: string, now = new Date()) => readInvoiceView(db, actor, id, now);

/** Any invoice or credit note, for staff with orders.manage (other roles: FORBIDDEN). */
export const getInvoiceForStaff = (actor: TInvoiceReader & { kind: 'staff' }, id: string, now = new Date()) => readInvoiceView(db, actor, id, now);

/**
 * One of a person's invoices or credit notes for their data export (lib/privacy/build-data-export.ts),
 * read in the export's transaction; null when it is not theirs. The export job has no signed-in actor:
 * the subject id comes from the export row.
 */
export const getInvoiceOfSubject = (executor: TExecutor, subjectUserId: string, id: string, now = new Date()) =>
  readInvoiceViewWhere(executor, id, eq(invoices.customerUserId, subjectUserId), now);
