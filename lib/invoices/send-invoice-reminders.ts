import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { invoiceReminders, invoices, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';
import { formatMoney } from '@/lib/format/money';
import { queueMail } from '@/lib/mail/send-mail';
import { OUTER_INVOICE_ID, paymentStateSql, paymentStatusColumns, toPaymentStatus, utcDay } from './payment-status';
import { dayAsDate, invoiceAccountUrl } from './queue-invoice-mail';

/** A reminder level and the days after the due date from which it is sent. */
export const REMINDER_LEVELS = [
  { level: 1, daysOverdue: 1 },
  { level: 2, daysOverdue: 15 },
] as const;

/** The highest level an invoice this many days overdue has reached (0: none yet). */
export function reminderLevelFor(daysOverdue: number): number {
  return REMINDER_LEVELS.reduce((reached, { level, daysOverdue: from }) => (daysOverdue >= from ? level : reached), 0);
}

/**
 * The daily job: mails the buyer of every overdue invoice (unpaid, not credited, past its due date:
 * the one rule of payment-status.ts) the reminder of the level it has reached, once per level. A
 * run that missed a level (the job was down) sends only the level reached now, not a burst.
 *
 * Once per level also when two processes run this at the same time: each reminder is the insert of
 * its (invoice_id, level) primary key, in the transaction that queues the mail; the second insert
 * waits for the first to commit, then does nothing, and queues nothing. The mail leaves through
 * the outbox after the commit. One invoice's failure (an address the mailer refuses) is logged and
 * does not stop the others.
 */
export async function sendInvoiceReminders(now = new Date()): Promise<{ sent: number; failed: number }> {
  const today = utcDay(now);
  const candidates = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      customerUserId: invoices.customerUserId,
      buyerName: invoices.buyerName,
      buyerEmail: invoices.buyerEmail,
      currency: invoices.currency,
      grossTotalMinor: invoices.grossTotalMinor,
      dueDate: invoices.dueDate,
      daysOverdue: sql<number>`(${today}::date - ${invoices.dueDate})::int`,
      sentLevel: sql<number>`coalesce((select max(r.level) from invoice_reminders r where r.invoice_id = ${OUTER_INVOICE_ID}), 0)::int`,
      ...paymentStatusColumns(today),
    })
    .from(invoices)
    // A restricted account (art. 18) is not mailed: its reminders wait until the restriction is lifted.
    .where(and(eq(invoices.kind, 'invoice'), eq(paymentStateSql(today), 'overdue'), sql`not exists (select 1 from ${users} where ${users.id} = ${invoices.customerUserId} and ${users.restrictedAt} is not null)`))
    .orderBy(asc(invoices.dueDate));

  let sent = 0;
  let failed = 0;
  for (const invoice of candidates) {
    const level = reminderLevelFor(invoice.daysOverdue);
    if (level === 0 || level <= invoice.sentLevel) continue;
    try {
      const queued = await db.transaction(async (tx) => {
        const inserted = await tx.insert(invoiceReminders).values({ invoiceId: invoice.id, level, sentAt: now }).onConflictDoNothing().returning({ level: invoiceReminders.level });
        if (inserted.length === 0) return false;
        await queueMail(tx, {
          template: 'invoice-reminder',
          to: { address: invoice.buyerEmail, name: invoice.buyerName },
          subjectUserId: invoice.customerUserId,
          data: {
            name: invoice.buyerName,
            level,
            number: invoice.number,
            amountDue: formatMoney(toPaymentStatus(invoice).dueMinor, invoice.currency),
            dueDate: dayAsDate(invoice.dueDate!),
            invoiceUrl: invoiceAccountUrl(invoice.id),
          },
        });
        return true;
      });
      if (queued) sent += 1;
    } catch (error) {
      failed += 1;
      logLine('error', 'invoices', `the level ${level} reminder of invoice ${invoice.id} could not be queued (${errorSummary(error)})`);
    }
  }
  return { sent, failed };
}
