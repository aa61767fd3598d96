import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { invoices, orderLines, orders } from '@/db/schema';
import type { TTransaction } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/errors';
import { getSetting } from '@/lib/settings/get-setting';
import { allocateInvoiceNumber } from './allocate-invoice-number';
import { insertInvoiceDocument } from './insert-invoice-document';
import { licenceLineDescription } from './licence-line-description';
import type { TInvoiceMailFacts } from './queue-invoice-mail';
import { vatNoteFor } from './vat-notes';

/** `mailFacts` only for a document this call issued: what its mail needs, without reading it back. */
export type TIssuedInvoice = { id: string; number: string; created: boolean; mailFacts?: TInvoiceMailFacts };

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The seller on an invoice must be complete (art. 226(5) and (3)); a shop without it cannot invoice. */
async function sellerForInvoice(tx: TTransaction) {
  const seller = await getSetting('seller.details', tx);
  if (!seller.name || !seller.address || !seller.vatNumber) {
    throw new AppError('CONFLICT', "Invoices cannot be issued until the seller's name, address and VAT number are set in the back office (Settings).");
  }
  return seller;
}

/**
 * Issues the invoice of an order in the caller's transaction: buyer details copied from the order's
 * billing snapshot, seller details from the settings as they are now, one line per licence, and the
 * next gapless number. Issuing twice returns the invoice already issued. The caller records the
 * audit entry and mails the buyer after the commit.
 */
export async function issueInvoice(tx: TTransaction, orderId: string, now = new Date()): Promise<TIssuedInvoice> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw notFound('order');
  const [existing] = await tx
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, 'invoice')));
  if (existing) return { ...existing, created: false };

  const seller = await sellerForInvoice(tx);
  const paymentTermDays = await getSetting('invoices.paymentTermDays', tx);
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));
  if (lines.length === 0) throw new AppError('CONFLICT', 'An order without licences cannot be invoiced.');

  // Last, so concurrent issuers wait on the counter row for as short a time as possible.
  const { series, year, sequence, number } = await allocateInvoiceNumber(tx, 'invoice', now.getUTCFullYear());
  const invoice = { id: randomUUID(), number };
  const dueDate = isoDate(addDays(now, paymentTermDays));
  await insertInvoiceDocument(
    tx,
    {
      id: invoice.id,
      kind: 'invoice',
      series,
      year,
      sequence,
      number,
      orderId,
      customerUserId: order.customerUserId,
      issuedAt: now,
      issueDate: isoDate(now),
      dueDate,
      sellerName: seller.name,
      sellerAddress: seller.address,
      sellerCountryCode: seller.countryCode,
      sellerVatNumber: seller.vatNumber,
      buyerName: order.billingName,
      buyerCompany: order.billingCompany,
      buyerEmail: order.billingEmail,
      buyerAddressLine1: order.billingAddressLine1,
      buyerAddressLine2: order.billingAddressLine2,
      buyerPostalCode: order.billingPostalCode,
      buyerCity: order.billingCity,
      buyerCountryCode: order.billingCountryCode,
      // Art. 226(4): the buyer's VAT number only where the buyer accounts for the VAT.
      buyerVatNumber: order.vatTreatment === 'reverse_charge' ? order.billingVatNumber : null,
      currency: order.currency,
      vatTreatment: order.vatTreatment,
      vatNote: vatNoteFor(order.vatTreatment),
      licenceTermsVersion: order.licenceTermsVersion,
      netTotalMinor: order.netTotalMinor,
      vatTotalMinor: order.vatTotalMinor,
      grossTotalMinor: order.grossTotalMinor,
    },
    lines.map((line) => ({
      position: line.position,
      description: licenceLineDescription(line, order.licenceTermsVersion),
      imageId: line.imageId,
      tier: line.tier,
      widthPx: line.widthPx,
      heightPx: line.heightPx,
      netMinor: line.netMinor,
      vatRateBasisPoints: line.vatRateBasisPoints,
      vatMinor: line.vatMinor,
    })),
  );
  const mailFacts: TInvoiceMailFacts = {
    ...invoice,
    kind: 'invoice',
    customerUserId: order.customerUserId,
    buyerName: order.billingName,
    buyerEmail: order.billingEmail,
    currency: order.currency,
    grossTotalMinor: order.grossTotalMinor,
    dueDate,
    creditedNumber: null,
  };
  return { ...invoice, created: true, mailFacts };
}
