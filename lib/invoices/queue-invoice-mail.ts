import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import { queueMail } from '@/lib/mail/send-mail';
import { OUTER_CREDITED_INVOICE_ID } from './payment-status';

/** The buyer's page of an invoice or credit note in My Account (the mails link to it). */
export const invoiceAccountUrl = (invoiceId: string) => new URL(`/account/invoices/${invoiceId}`, serverEnv().APP_URL).toString();

/** A calendar day as a Date at UTC midnight, as the mail templates take dates. */
export const dayAsDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Queues the "your invoice" (or "your credit note") mail to the buyer, in the issuing
 * transaction: the outbox row and its delivery job commit with the invoice, so the mail leaves
 * only after the commit and never for an invoice that was rolled back. Goes to the billing e-mail
 * of the invoice's snapshot, greeting the buyer by the billing name; the mail is filed under the
 * buyer's account for their data export. Throws NOT_FOUND for an unknown id.
 *
 *   await db.transaction(async (tx) => {
 *     const issued = await issueInvoice(tx, orderId);
 *     if (issued.mailFacts) await queueInvoiceMail(tx, issued.mailFacts);
 *   });
 */
/** What the mail says of an invoice or credit note: the issuer has it at hand, others read it by id. */
export type TInvoiceMailFacts = {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  customerUserId: string;
  buyerName: string;
  buyerEmail: string;
  currency: string;
  grossTotalMinor: number;
  dueDate: string | null;
  creditedNumber: string | null;
};

async function invoiceMailFacts(tx: TTransaction, invoiceId: string): Promise<TInvoiceMailFacts> {
  const [invoice] = await tx
    .select({
      id: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      customerUserId: invoices.customerUserId,
      buyerName: invoices.buyerName,
      buyerEmail: invoices.buyerEmail,
      currency: invoices.currency,
      grossTotalMinor: invoices.grossTotalMinor,
      dueDate: invoices.dueDate,
      creditedNumber: sql<string | null>`(select ci.number from invoices ci where ci.id = ${OUTER_CREDITED_INVOICE_ID})`,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  if (!invoice) throw notFound('invoice');
  return invoice;
}

export async function queueInvoiceMail(tx: TTransaction, invoiceOrId: string | TInvoiceMailFacts): Promise<{ outboxId: string }> {
  // The issuing transaction passes the facts: it holds the counter row's lock, and a read here would hold it longer.
  const invoice = typeof invoiceOrId === 'string' ? await invoiceMailFacts(tx, invoiceOrId) : invoiceOrId;
  const { outboxId } = await queueMail(tx, {
    template: 'invoice-issued',
    to: { address: invoice.buyerEmail, name: invoice.buyerName },
    subjectUserId: invoice.customerUserId,
    data: {
      name: invoice.buyerName,
      kind: invoice.kind,
      number: invoice.number,
      // A credit note's total is negative; the mail says how much is credited.
      total: formatMoney(Math.abs(invoice.grossTotalMinor), invoice.currency),
      dueDate: invoice.dueDate ? dayAsDate(invoice.dueDate) : null,
      creditedNumber: invoice.creditedNumber,
      invoiceUrl: invoiceAccountUrl(invoice.id),
    },
  });
  return { outboxId };
}
