/**
 * The PDFs of many invoices are drawn from views read together (invoiceViewsWithIds): each view must
 * be the one getInvoiceOfSubject reads for that invoice alone, in number order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { invoiceReminders, invoices } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { getInvoiceOfSubject } from '@/lib/invoices/get-invoice';
import { invoiceViewsWithIds } from '@/lib/invoices/invoice-views-with-ids';
import { createCustomer } from '../../helpers/actor-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { creditTestInvoice, daysAgo, issueTestInvoice, registerTestPayment } from './invoice-kit';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());

describe('invoiceViewsWithIds', () => {
  it('reads the invoices and credit notes asked for in number order, each as getInvoiceOfSubject does, and no others', async () => {
    const subject = await createCustomer();
    const other = await createCustomer();
    const now = new Date();
    // Partly paid in two payments, overdue, one reminder mailed; two lines at two rates.
    const partlyPaid = await issueTestInvoice(subject.userId, { issuedAt: daysAgo(30), lines: [{ netMinor: 3900 }, { netMinor: 6900 }] });
    await registerTestPayment(partlyPaid.id, 1000, daysAgo(10).toISOString().slice(0, 10));
    await registerTestPayment(partlyPaid.id, 500, daysAgo(5).toISOString().slice(0, 10));
    await db.insert(invoiceReminders).values({ invoiceId: partlyPaid.id, level: 1 });
    // Cancelled by a credit note (which names the invoice it corrects).
    const cancelled = await issueTestInvoice(subject.userId, { issuedAt: daysAgo(20) });
    const creditNote = await creditTestInvoice(cancelled.id);
    await issueTestInvoice(subject.userId, { vatRateBasisPoints: 900 }); // unpaid, not yet due
    const othersInvoice = await issueTestInvoice(other.userId);

    // The order the export always had: by number, as Postgres sorts them.
    const numbered = await db.select({ id: invoices.id }).from(invoices).where(eq(invoices.customerUserId, subject.userId)).orderBy(asc(invoices.number));
    expect(numbered).toHaveLength(4);
    const expected = await Promise.all(numbered.map(async ({ id }) => (await getInvoiceOfSubject(db, subject.userId, id, now))!));
    // What the comparison covers: a partly paid invoice, a credit note and the invoice it cancelled.
    expect(expected.find((view) => view.invoice.id === partlyPaid.id)).toMatchObject({ status: { state: 'overdue', paidMinor: 1500 }, reminderLevels: [1] });
    expect(expected.find((view) => view.invoice.id === partlyPaid.id)!.payments).toHaveLength(2);
    expect(expected.find((view) => view.invoice.id === creditNote.id)!.creditedInvoice).toMatchObject({ id: cancelled.id, number: cancelled.number });
    expect(expected.find((view) => view.invoice.id === cancelled.id)!.creditNote).toEqual({ id: creditNote.id, number: creditNote.number });

    // Asked for in any order, in a transaction as the export reads: number order comes back.
    const read = await db.transaction((tx) => invoiceViewsWithIds(tx, [...numbered].reverse().map(({ id }) => id), now));
    expect(read).toEqual(expected);
    // Only the ids asked for, whoever's they are.
    const some = await invoiceViewsWithIds(db, [numbered[1]!.id, othersInvoice.id], now);
    expect(some.map((view) => view.invoice.id).sort()).toEqual([numbered[1]!.id, othersInvoice.id].sort());
  });

  it('reads nothing for no ids', async () => {
    expect(await invoiceViewsWithIds(db, [])).toEqual([]);
  });
});
