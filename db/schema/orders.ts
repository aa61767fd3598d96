import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { images, licenceModel, sizeTier } from './catalog';

export const orderStatus = pgEnum('order_status', [
  'submitted',
  'awaiting_approval',
  'approved',
  'rejected',
  'paid',
  'delivered',
  'cancelled',
]);

/** Which VAT rule applied (lib/checkout/vat): the note on the invoice follows from it. */
export const vatTreatment = pgEnum('vat_treatment', ['domestic', 'oss_destination', 'under_threshold', 'reverse_charge', 'export']);

/**
 * A submitted order. Billing details are a snapshot taken at checkout, never a join to the live
 * account; every amount is integer cents computed on the server. The idempotency key makes a
 * repeated submission of one checkout return the same order.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigint('number', { mode: 'number' }).notNull().unique().generatedAlwaysAsIdentity({ startWith: 1001 }),
    customerUserId: uuid('customer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    idempotencyKey: text('idempotency_key').notNull(),
    status: orderStatus('status').notNull(),
    currency: text('currency').notNull().default('EUR'),
    billingName: text('billing_name').notNull(),
    billingCompany: text('billing_company'),
    billingEmail: text('billing_email').notNull(),
    billingAddressLine1: text('billing_address_line1').notNull(),
    billingAddressLine2: text('billing_address_line2'),
    billingPostalCode: text('billing_postal_code').notNull(),
    billingCity: text('billing_city').notNull(),
    billingCountryCode: text('billing_country_code').notNull(),
    billingVatNumber: text('billing_vat_number'),
    vatTreatment: vatTreatment('vat_treatment').notNull(),
    ipCountryCode: text('ip_country_code'),
    locationMismatch: boolean('location_mismatch').notNull().default(false),
    licenceTermsVersion: text('licence_terms_version').notNull(),
    licenceAcceptedAt: timestamp('licence_accepted_at', { withTimezone: true }).notNull(),
    paymentMethod: text('payment_method').notNull(),
    netTotalMinor: integer('net_total_minor').notNull(),
    vatTotalMinor: integer('vat_total_minor').notNull(),
    grossTotalMinor: integer('gross_total_minor').notNull(),
    rejectionReason: text('rejection_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When retention redacted the billing snapshot after the tax period (lib/privacy/redact-tax-records.ts). */
    billingRedactedAt: timestamp('billing_redacted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('orders_idempotency_idx').on(table.customerUserId, table.idempotencyKey),
    index('orders_customer_idx').on(table.customerUserId, table.submittedAt),
    index('orders_status_idx').on(table.status, table.submittedAt),
    check('orders_totals', sql`${table.grossTotalMinor} = ${table.netTotalMinor} + ${table.vatTotalMinor} and ${table.netTotalMinor} >= 0 and ${table.vatTotalMinor} >= 0`),
  ],
);

/** One licence bought: the image, tier and pixel size, priced and taxed per line as the invoice shows it. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    imageId: bigint('image_id', { mode: 'number' }).references(() => images.id, { onDelete: 'set null' }),
    imageTitle: text('image_title').notNull(),
    licenceModel: licenceModel('licence_model').notNull(),
    tier: sizeTier('tier').notNull(),
    widthPx: integer('width_px').notNull(),
    heightPx: integer('height_px').notNull(),
    listPriceMinor: integer('list_price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    netMinor: integer('net_minor').notNull(),
    vatRateBasisPoints: integer('vat_rate_basis_points').notNull(),
    vatMinor: integer('vat_minor').notNull(),
  },
  (table) => [
    uniqueIndex('order_lines_position_idx').on(table.orderId, table.position),
    check('order_lines_amounts', sql`${table.netMinor} = ${table.listPriceMinor} - ${table.discountMinor} and ${table.netMinor} >= 0 and ${table.vatMinor} >= 0`),
  ],
);

/** Every state change of an order, shown to the customer and to staff; the audit trail has the ids. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    status: orderStatus('status').notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('order_events_order_idx').on(table.orderId, table.id)],
);
