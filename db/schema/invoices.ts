import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { users } from './accounts';
import { images, sizeTier } from './catalog';
import { orders, vatTreatment } from './orders';

export const invoiceKind = pgEnum('invoice_kind', ['invoice', 'credit_note']);

/**
 * The last number issued per series and year. The issuing transaction locks its row
 * (UPDATE ... RETURNING), so numbers are gapless and unique under concurrency; a sequence would
 * leave gaps on rollback.
 */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.series, table.year] })],
);

/**
 * An issued invoice or credit note (art. 226 VAT Directive). Immutable once issued: a trigger
 * refuses UPDATE and DELETE (migration 0007). Seller and buyer details are snapshots taken at
 * issue. A credit note has negative amounts and names the invoice it corrects.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: invoiceKind('kind').notNull(),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    number: text('number').notNull().unique(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    customerUserId: uuid('customer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    creditedInvoiceId: uuid('credited_invoice_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    sellerName: text('seller_name').notNull(),
    sellerAddress: text('seller_address').notNull(),
    sellerCountryCode: text('seller_country_code').notNull(),
    sellerVatNumber: text('seller_vat_number').notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerCompany: text('buyer_company'),
    buyerEmail: text('buyer_email').notNull(),
    buyerAddressLine1: text('buyer_address_line1').notNull(),
    buyerAddressLine2: text('buyer_address_line2'),
    buyerPostalCode: text('buyer_postal_code').notNull(),
    buyerCity: text('buyer_city').notNull(),
    buyerCountryCode: text('buyer_country_code').notNull(),
    buyerVatNumber: text('buyer_vat_number'),
    currency: text('currency').notNull(),
    vatTreatment: vatTreatment('vat_treatment').notNull(),
    vatNote: text('vat_note'),
    licenceTermsVersion: text('licence_terms_version').notNull(),
    netTotalMinor: integer('net_total_minor').notNull(),
    vatTotalMinor: integer('vat_total_minor').notNull(),
    grossTotalMinor: integer('gross_total_minor').notNull(),
    reason: text('reason'),
    /** When retention redacted the buyer's details after the tax period (invoice_redact_billing, custom migration invoice_redact_billing). */
    billingRedactedAt: timestamp('billing_redacted_at', { withTimezone: true }),
  },
  (table) => [
    foreignKey({ name: 'invoices_credited_invoice_fk', columns: [table.creditedInvoiceId], foreignColumns: [table.id] }).onDelete('restrict'),
    uniqueIndex('invoices_series_sequence_idx').on(table.series, table.year, table.sequence),
    index('invoices_customer_idx').on(table.customerUserId, table.issuedAt),
    index('invoices_order_idx').on(table.orderId),
    uniqueIndex('invoices_one_credit_note_per_invoice').on(table.creditedInvoiceId),
    check('invoices_totals', sql`${table.grossTotalMinor} = ${table.netTotalMinor} + ${table.vatTotalMinor}`),
    check(
      'invoices_kind_shape',
      sql`(${table.kind} = 'invoice' and ${table.creditedInvoiceId} is null and ${table.dueDate} is not null)
        or (${table.kind} = 'credit_note' and ${table.creditedInvoiceId} is not null)`,
    ),
  ],
);

/** The lines of an invoice or credit note, immutable like the invoice. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    imageId: bigint('image_id', { mode: 'number' }).references(() => images.id, { onDelete: 'set null' }),
    tier: sizeTier('tier'),
    widthPx: integer('width_px'),
    heightPx: integer('height_px'),
    netMinor: integer('net_minor').notNull(),
    vatRateBasisPoints: integer('vat_rate_basis_points').notNull(),
    vatMinor: integer('vat_minor').notNull(),
  },
  (table) => [primaryKey({ columns: [table.invoiceId, table.position] })],
);

/** Payments staff registered against an invoice; an invoice is paid when they add up to its total. */
export const invoicePayments = pgTable(
  'invoice_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    method: text('method').notNull(),
    reference: text('reference').notNull().default(''),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('invoice_payments_invoice_idx').on(table.invoiceId), check('invoice_payments_positive', sql`${table.amountMinor} > 0`)],
);

/** Overdue reminders mailed by the daily job; one per invoice and level. */
export const invoiceReminders = pgTable(
  'invoice_reminders',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    level: integer('level').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.invoiceId, table.level] })],
);

/**
 * The PDF of an invoice or credit note as last drawn, so a download or a data export copies it
 * instead of drawing it again. state_key names what it shows (payment state, amount paid, credit
 * note, redaction, layout: lib/invoices/invoice-pdf-state.ts); a PDF whose state is no longer the
 * document's is drawn again and replaced. One row per document; retention deletes it with the
 * billing details it prints.
 */
export const invoicePdfs = pgTable('invoice_pdfs', {
  invoiceId: uuid('invoice_id')
    .primaryKey()
    .references(() => invoices.id, { onDelete: 'restrict' }),
  stateKey: text('state_key').notNull(),
  pdf: bytea('pdf').notNull(),
  renderedAt: timestamp('rendered_at', { withTimezone: true }).notNull().defaultNow(),
});
