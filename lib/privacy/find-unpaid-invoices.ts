import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { paymentStateSql, utcDay } from '@/lib/invoices/payment-status';

/**
 * The person's invoices still open (unpaid or overdue), by number: while there is one, the account
 * is not erased, so the shop can still collect what it is owed and the buyer can still be reached.
 */
export async function findUnpaidInvoices(executor: TExecutor, subjectUserId: string, now = new Date()): Promise<string[]> {
  const state = paymentStateSql(utcDay(now));
  const rows = await executor
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.customerUserId, subjectUserId), eq(invoices.kind, 'invoice'), inArray(state, ['unpaid', 'overdue'])))
    .orderBy(asc(invoices.number));
  return rows.map((row) => row.number);
}
