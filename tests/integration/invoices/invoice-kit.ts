/**
 * Invoices for the invoice tests: an order from the order factory, issued by the real issueInvoice
 * (or credited by issueCreditNote) on a chosen day, and payments inserted as the order desk
 * registers them.
 */
import { invoicePayments } from '@/db/schema';
import { db } from '@/lib/db/client';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { createOrder } from '../../helpers/order-factory';

export const DAY = 86_400_000;
export const daysAgo = (days: number, from = new Date()) => new Date(from.getTime() - days * DAY);

export async function issueTestInvoice(customerUserId: string, options: Parameters<typeof createOrder>[1] & { issuedAt?: Date } = {}) {
  const order = await createOrder(customerUserId, options);
  return db.transaction((tx) => issueInvoice(tx, order.orderId, options.issuedAt));
}

export const creditTestInvoice = (invoiceId: string, reason = 'Cancelled at the customer’s request') => db.transaction((tx) => issueCreditNote(tx, invoiceId, reason));

export async function registerTestPayment(invoiceId: string, amountMinor: number, paidOn = new Date().toISOString().slice(0, 10)) {
  await db.insert(invoicePayments).values({ invoiceId, amountMinor, paidOn, method: 'bank_transfer' });
}
