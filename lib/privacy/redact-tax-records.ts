import 'server-only';
import { sql } from 'drizzle-orm';
import { invoicePdfs } from '@/db/schema';
import type { TExecutor } from '@/lib/db/client';
import { stateKeyShowsRedaction } from '@/lib/invoices/invoice-pdf-state';
import type { TRetentionCount } from './apply-retention';

const DAY_MS = 86_400_000;

/** What a redacted text column holds; NOT NULL columns get it, nullable ones become null. */
export const REDACTED = '[redacted]';
/** A redacted country: 'XX' is the user-assigned code for "unknown" (shown as "Unknown Region"). */
export const REDACTED_COUNTRY = 'XX';

/**
 * The columns classified 'legal-hold' under rule 'tax-record' that this file redacts, per table.
 * The link to the account (customer_user_id) stays: it is the id of the person's own account, or
 * of the anonymized one after erasure, and keeps the shop's books attached to it. An order's
 * licence_accepted_at stays as the proof of the licence granted. A test compares this list with
 * the map, so a legal-hold column added later cannot be left out silently.
 */
export const taxRecordRedactions = {
  invoices: ['buyer_name', 'buyer_company', 'buyer_email', 'buyer_address_line1', 'buyer_address_line2', 'buyer_postal_code', 'buyer_city', 'buyer_country_code', 'buyer_vat_number'],
  invoice_payments: ['reference', 'registered_by'],
  // The stored PDF prints the billing details: it is deleted, and drawn again from the redacted invoice when asked for.
  invoice_pdfs: ['pdf'],
  orders: [
    'billing_name',
    'billing_company',
    'billing_email',
    'billing_address_line1',
    'billing_address_line2',
    'billing_postal_code',
    'billing_city',
    'billing_country_code',
    'billing_vat_number',
    'ip_country_code',
    'rejection_reason',
  ],
  order_events: ['note', 'actor_user_id'],
} as const;

/** Legal-hold columns under 'tax-record' that stay after the period, and why. */
export const taxRecordColumnsKept = {
  invoices: { customer_user_id: 'the account the invoice belongs to (anonymized if the person was erased)' },
  orders: {
    customer_user_id: 'the account the order belongs to (anonymized if the person was erased)',
    licence_accepted_at: 'proof of when the licence was granted',
  },
} as const;

type TRedactOptions = { dryRun?: boolean; now: Date; days: number; executor: TExecutor; batchSize: number };

/**
 * Redacts the billing snapshots of invoices, credit notes and orders once the seller's tax
 * retention period (privacy.retentionDays 'tax-record', counted from the issue or submission) is over:
 * - invoices and credit notes through invoice_redact_billing (custom migration invoice_redact_billing), the only change
 *   their immutability trigger lets through; the payment references registered against them with it,
 *   and their stored PDFs deleted (the next reader draws them from the redacted invoice), as is any
 *   stored since that still shows the billing details;
 * - an order (and the notes of its state changes) once it was submitted before the cutoff and no
 *   invoice or credit note of it is still inside its period.
 * Numbers, dates, lines and amounts never change. A dry run counts and changes nothing.
 */
export async function redactTaxRecords(options: TRedactOptions): Promise<TRetentionCount[]> {
  const { executor, batchSize, days } = options;
  const cutoff = new Date(options.now.getTime() - days * DAY_MS).toISOString();
  const invoicesDue = sql`issued_at < ${cutoff}::timestamptz and billing_redacted_at is null`;
  const ordersDue = sql`o.submitted_at < ${cutoff}::timestamptz and o.billing_redacted_at is null
    and not exists (select 1 from invoices i where i.order_id = o.id and i.issued_at >= ${cutoff}::timestamptz)`;
  const count = (table: 'invoices' | 'orders', rows: number): TRetentionCount => ({ table, rule: 'tax-record', action: 'redact', who: 'all', days, rows });

  if (options.dryRun) {
    const result = await executor.execute<{ invoices: number; orders: number }>(sql`
      select (select count(*) from invoices where ${invoicesDue})::int as invoices,
             (select count(*) from orders o where ${ordersDue})::int as orders`);
    return [count('invoices', result.rows[0]?.invoices ?? 0), count('orders', result.rows[0]?.orders ?? 0)];
  }

  let invoiceRows = 0;
  for (;;) {
    // One statement per batch: the invoices redacted and their payments' references go together.
    const result = await executor.execute<{ redacted: number; picked: number }>(sql`
      with due as (select id from invoices where ${invoicesDue} order by issued_at limit ${batchSize}),
      done as materialized (select id from due where invoice_redact_billing(id)),
      payments as (
        update invoice_payments set reference = '', registered_by = null
         where invoice_id in (select id from done) and (reference <> '' or registered_by is not null)
        returning 1),
      pdfs as (delete from invoice_pdfs where invoice_id in (select id from done) returning 1)
      select (select count(*) from done)::int as redacted, (select count(*) from due)::int as picked,
             (select count(*) from payments)::int as payments, (select count(*) from pdfs)::int as pdfs`);
    invoiceRows += result.rows[0]?.redacted ?? 0;
    if ((result.rows[0]?.picked ?? 0) < batchSize) break;
  }
  // A PDF stored by a reader whose write committed while a redaction statement ran (after that
  // statement's snapshot, so its delete did not see it) still prints the billing details: it goes
  // at the next run. Only the short state keys are read, not the PDFs.
  await executor.execute(sql`
    delete from invoice_pdfs using invoices
     where invoices.id = invoice_pdfs.invoice_id and invoices.billing_redacted_at is not null
       and not ${stateKeyShowsRedaction(invoicePdfs.stateKey)}`);

  let orderRows = 0;
  for (;;) {
    const result = await executor.execute<{ redacted: number }>(sql`
      with done as (
        update orders set billing_name = ${REDACTED}, billing_company = null, billing_email = ${REDACTED},
               billing_address_line1 = ${REDACTED}, billing_address_line2 = null, billing_postal_code = ${REDACTED},
               billing_city = ${REDACTED}, billing_country_code = ${REDACTED_COUNTRY}, billing_vat_number = null,
               ip_country_code = null, rejection_reason = null, billing_redacted_at = ${options.now.toISOString()}::timestamptz
         where id = any(array(select o.id from orders o where ${ordersDue} order by o.submitted_at limit ${batchSize}))
        returning id),
      events as (
        update order_events set note = null, actor_user_id = null
         where order_id in (select id from done) and (note is not null or actor_user_id is not null)
        returning 1)
      select (select count(*) from done)::int as redacted, (select count(*) from events)::int as events`);
    const changed = result.rows[0]?.redacted ?? 0;
    orderRows += changed;
    if (changed < batchSize) break;
  }
  return [count('invoices', invoiceRows), count('orders', orderRows)];
}
