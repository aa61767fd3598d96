import { invoicePayments } from '@/db/schema';
import { db } from '@/lib/db/client';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { createCustomer } from '../helpers/actor-factory';
import { createOrder, setTestSeller } from '../helpers/order-factory';

const DAY = 86_400_000;

export type TE2EInvoice = { id: string; number: string };

/**
 * Invoices for the browser tests, issued by the real issueInvoice on orders from the order
 * factory (the licences are of the seeded lighthouse image, so the page shows its thumbnail): a
 * buyer with an open invoice, an overdue one (issued 30 days ago), a paid one and a cancelled one
 * with its credit note, a reverse-charge one; and another customer's invoice, which the buyer must not open.
 */
export async function seedE2EInvoices(imageId: number) {
  await setTestSeller();
  const buyer = await createCustomer({ fullName: 'Orla Invoice' });
  const other = await createCustomer({ fullName: 'Oisín Other' });
  const issue = async (customerUserId: string, daysAgo: number, values: NonNullable<Parameters<typeof createOrder>[1]>['values'] = {}, vatRateBasisPoints = 2100) => {
    const order = await createOrder(customerUserId, {
      vatRateBasisPoints,
      lines: [{ imageId, tier: 'L', widthPx: 3000, heightPx: 2000, netMinor: 6900 }],
      values: { billingName: 'Orla Invoice', ...values },
    });
    const { id, number } = await db.transaction((tx) => issueInvoice(tx, order.orderId, new Date(Date.now() - daysAgo * DAY)));
    return { id, number };
  };
  const open = await issue(buyer.userId, 0, { billingCompany: 'Orla’s Pictures Ltd' });
  const overdue = await issue(buyer.userId, 30);
  const paid = await issue(buyer.userId, 3);
  await db.insert(invoicePayments).values({ invoiceId: paid.id, amountMinor: 8349, paidOn: new Date().toISOString().slice(0, 10), method: 'bank_transfer' });
  const cancelled = await issue(buyer.userId, 2);
  const creditNote = await db.transaction(async (tx) => {
    const { id, number } = await issueCreditNote(tx, cancelled.id, 'Ordered the wrong size');
    return { id, number };
  });
  const reverseCharge = await issue(buyer.userId, 1, { vatTreatment: 'reverse_charge', billingVatNumber: 'DE136695976', billingCountryCode: 'DE', billingCompany: 'Bild & Ton GmbH' }, 0);
  const othersInvoice = await issue(other.userId, 1, { billingName: 'Oisín Other' });
  return {
    invoiceBuyer: { id: buyer.userId, email: buyer.email, password: buyer.password, fullName: buyer.fullName },
    invoices: { open, overdue, paid, cancelled, creditNote, reverseCharge, othersInvoice },
  };
}
