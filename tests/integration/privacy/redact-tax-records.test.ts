import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceLines, invoicePayments, invoices, orderEvents, orders } from '@/db/schema';
import { closeDatabase, db } from '@/lib/db/client';
import { issueCreditNote } from '@/lib/invoices/issue-credit-note';
import { applyRetention, type TRetentionCount } from '@/lib/privacy/apply-retention';
import type { TTableEntry } from '@/lib/privacy/classification';
import { personalDataMap } from '@/lib/privacy/data-map';
import { retentionRulesWithoutJob } from '@/lib/privacy/plan-retention';
import { REDACTED, REDACTED_COUNTRY, taxRecordColumnsKept, taxRecordRedactions } from '@/lib/privacy/redact-tax-records';
import { retentionDays } from '@/lib/privacy/retention-periods';
import { createCustomer } from '../../helpers/actor-factory';
import { setTestSeller } from '../../helpers/order-factory';
import { creditTestInvoice, daysAgo, issueTestInvoice } from '../invoices/invoice-kit';

afterAll(closeDatabase);
beforeAll(() => setTestSeller());

/** The trigger's refusal, wherever drizzle puts the database's message. */
const refused = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught as Error & { cause?: Error },
  );
  expect(error).not.toBeNull();
  expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(/Issued invoices and their lines cannot be changed or deleted \(invoice(s|_lines)\.(UPDATE|DELETE)\)/);
};

const taxCount = (counts: TRetentionCount[], table: string) => counts.find((count) => count.table === table && count.rule === 'tax-record')!;

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row!;
}

async function documentOf(invoiceId: string) {
  const invoice = await invoiceRow(invoiceId);
  const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.position);
  const [order] = await db.select().from(orders).where(eq(orders.id, invoice.orderId));
  return { invoice, lines, order: order! };
}

/** What must never change: everything but the buyer's details on an invoice. */
const books = ({ invoice, lines, order }: Awaited<ReturnType<typeof documentOf>>) => ({
  invoice: {
    id: invoice.id,
    kind: invoice.kind,
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    customerUserId: invoice.customerUserId,
    seller: [invoice.sellerName, invoice.sellerAddress, invoice.sellerVatNumber],
    totals: [invoice.netTotalMinor, invoice.vatTotalMinor, invoice.grossTotalMinor, invoice.currency, invoice.vatTreatment, invoice.vatNote],
  },
  lines,
  order: { number: order.number, status: order.status, totals: [order.netTotalMinor, order.vatTotalMinor, order.grossTotalMinor], submittedAt: order.submittedAt, licenceAcceptedAt: order.licenceAcceptedAt },
});

describe('legal-hold redaction of invoices and orders', () => {
  it('redacts the billing snapshot of invoices, credit notes and orders past the tax period, in a dry run only counts, and leaves newer ones and the books untouched', async () => {
    const days = await retentionDays('tax-record');
    const customer = await createCustomer();
    const old = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(days + 2), values: { submittedAt: daysAgo(days + 3), rejectionReason: 'Ada Buyer asked twice' } });
    const recent = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(days - 2), values: { submittedAt: daysAgo(days + 5) } });
    const oldCredit = await db.transaction((tx) => issueCreditNote(tx, old.id, 'Cancelled', daysAgo(days + 1)));
    await db.insert(invoicePayments).values({ invoiceId: old.id, amountMinor: 100, paidOn: '2016-01-01', method: 'bank_transfer', reference: 'Payment by A. Buyer' });
    const { order: oldOrder } = await documentOf(old.id);
    await db.insert(orderEvents).values({ orderId: oldOrder.id, status: 'paid', note: 'Ada Buyer called' });
    // The credit note was issued now: inside its period, so it and its order keep their snapshot.
    const stillHeld = await issueTestInvoice(customer.userId, { issuedAt: daysAgo(days + 10), values: { submittedAt: daysAgo(days + 10) } });
    const stillHeldCredit = await creditTestInvoice(stillHeld.id);

    const before = { old: await documentOf(old.id), recent: await documentOf(recent.id), oldCredit: await invoiceRow(oldCredit.id), stillHeld: await documentOf(stillHeld.id) };

    const dryRun = await applyRetention({ dryRun: true });
    // Other files share the database: at least our own rows are counted.
    expect(taxCount(dryRun, 'invoices')).toMatchObject({ action: 'redact', days });
    expect(taxCount(dryRun, 'invoices').rows).toBeGreaterThanOrEqual(3);
    expect(taxCount(dryRun, 'orders').rows).toBeGreaterThanOrEqual(1);
    expect(await documentOf(old.id)).toEqual(before.old);
    expect(await invoiceRow(oldCredit.id)).toEqual(before.oldCredit);

    const applied = await applyRetention();
    expect(taxCount(applied, 'invoices').rows).toBe(taxCount(dryRun, 'invoices').rows);
    expect(taxCount(applied, 'orders').rows).toBe(taxCount(dryRun, 'orders').rows);

    const after = { old: await documentOf(old.id), recent: await documentOf(recent.id), stillHeld: await documentOf(stillHeld.id) };
    expect(books(after.old)).toEqual(books(before.old));
    expect(after.old.invoice).toMatchObject({
      buyerName: REDACTED,
      buyerCompany: null,
      buyerEmail: REDACTED,
      buyerAddressLine1: REDACTED,
      buyerAddressLine2: null,
      buyerPostalCode: REDACTED,
      buyerCity: REDACTED,
      buyerCountryCode: REDACTED_COUNTRY,
      buyerVatNumber: null,
    });
    expect(after.old.invoice.billingRedactedAt).toBeInstanceOf(Date);
    expect(after.old.order).toMatchObject({ billingName: REDACTED, billingEmail: REDACTED, billingCity: REDACTED, billingCountryCode: REDACTED_COUNTRY, ipCountryCode: null, rejectionReason: null });
    expect(after.old.order.billingRedactedAt).toBeInstanceOf(Date);
    // A credit note is redacted like an invoice, its amounts untouched.
    const creditAfter = await invoiceRow(oldCredit.id);
    expect({ ...creditAfter, buyerName: before.oldCredit.buyerName, buyerEmail: before.oldCredit.buyerEmail, buyerAddressLine1: before.oldCredit.buyerAddressLine1, buyerPostalCode: before.oldCredit.buyerPostalCode, buyerCity: before.oldCredit.buyerCity, buyerCountryCode: before.oldCredit.buyerCountryCode, billingRedactedAt: null }).toEqual(before.oldCredit);
    expect(creditAfter).toMatchObject({ buyerName: REDACTED, buyerCity: REDACTED, grossTotalMinor: before.oldCredit.grossTotalMinor, number: before.oldCredit.number });
    const payments = await db.select({ reference: invoicePayments.reference }).from(invoicePayments).where(eq(invoicePayments.invoiceId, old.id));
    expect(payments).toEqual([{ reference: '' }]);
    const events = await db.select({ note: orderEvents.note }).from(orderEvents).where(eq(orderEvents.orderId, oldOrder.id));
    expect(events.every((event) => event.note === null)).toBe(true);

    // A newer invoice is untouched; so is an old order whose newer invoice is still held.
    expect(after.recent).toEqual(before.recent);
    // An old invoice whose credit note is still held is redacted; its order waits for the credit note.
    expect(after.stillHeld.invoice.buyerName).toBe(REDACTED);
    expect(after.stillHeld.order).toEqual(before.stillHeld.order);
    expect((await invoiceRow(stillHeldCredit.id)).buyerName).toBe('Ada Buyer');

    // Nothing left to do for our rows: a second run does not redact them again.
    const redactedAt = after.old.invoice.billingRedactedAt;
    await applyRetention();
    expect((await invoiceRow(old.id)).billingRedactedAt).toEqual(redactedAt);
  });

  it('refuses a direct UPDATE of an invoice, even one that writes the redacted values with every flag set by hand; DELETE and lines stay refused', async () => {
    const customer = await createCustomer();
    const invoice = await issueTestInvoice(customer.userId);
    const redactAll = sql`update invoices set buyer_name = '[redacted]', buyer_company = null, buyer_email = '[redacted]', buyer_address_line1 = '[redacted]',
      buyer_address_line2 = null, buyer_postal_code = '[redacted]', buyer_city = '[redacted]', buyer_country_code = 'XX', buyer_vat_number = null,
      billing_redacted_at = now() where id = ${invoice.id}`;
    await refused(db.execute(redactAll));
    await refused(
      db.transaction(async (tx) => {
        for (const flag of ['stockroom.invoice_redact_billing', 'stockroom.invoices_redact', 'stockroom.audit_trail_deidentify', 'stockroom.consent_ledger_deidentify']) {
          await tx.execute(sql`select set_config(${flag}, 'on', true)`);
        }
        await tx.execute(redactAll);
      }),
    );
    // A block of code of one's own is not the function either.
    await refused(db.execute(sql.raw(`do $$ begin update invoices set buyer_name = '[redacted]' where id = '${invoice.id}'; end $$`)));
    await refused(db.execute(sql`delete from invoices where id = ${invoice.id}`));
    await refused(db.execute(sql`update invoice_lines set net_minor = 0 where invoice_id = ${invoice.id}`));
    expect((await invoiceRow(invoice.id)).buyerName).toBe('Ada Buyer');

    // The function itself redacts once; after that it has nothing to do, and the row stays immutable.
    const once = await db.execute<{ done: boolean }>(sql`select invoice_redact_billing(${invoice.id}) as done`);
    expect(once.rows[0]!.done).toBe(true);
    const twice = await db.execute<{ done: boolean }>(sql`select invoice_redact_billing(${invoice.id}) as done`);
    expect(twice.rows[0]!.done).toBe(false);
    await refused(db.execute(sql`update invoices set billing_redacted_at = null where id = ${invoice.id}`));
    await refused(db.execute(sql`update invoices set buyer_name = 'Ada Buyer' where id = ${invoice.id}`));
  });

  it('redacts every legal-hold column of the tax-record rule but those it keeps on purpose', () => {
    const map = personalDataMap as Record<string, TTableEntry>;
    for (const [table, entry] of Object.entries(map)) {
      const taxColumns = Object.entries(entry.columns)
        .filter(([, column]) => column.personal && column.retention === 'tax-record')
        .map(([name]) => name)
        .sort();
      const handled = [...((taxRecordRedactions as Record<string, readonly string[]>)[table] ?? []), ...Object.keys((taxRecordColumnsKept as Record<string, object>)[table] ?? {})].sort();
      expect({ table, columns: handled }).toEqual({ table, columns: taxColumns });
    }
    expect(Object.keys(retentionRulesWithoutJob)).toEqual([]);
  });

  it('an id that is no invoice changes nothing', async () => {
    const result = await db.execute<{ done: boolean }>(sql`select invoice_redact_billing(gen_random_uuid()) as done`);
    expect(result.rows[0]!.done).toBe(false);
  });
});
