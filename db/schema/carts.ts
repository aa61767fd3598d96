import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { images, priceLists, sizeTier } from './catalog';

/**
 * The order still in progress: one per customer (kept across sign-outs and devices until checked
 * out or emptied) or per guest visitor (hash of the anonymous cookie; moves into the account at
 * sign-in). Holds no prices: every amount is computed from the catalog when shown and at checkout.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id')
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    guestKey: text('guest_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('carts_one_owner', sql`(${table.ownerUserId} is null) <> (${table.guestKey} is null)`)],
);

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    imageId: bigint('image_id', { mode: 'number' })
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    tier: sizeTier('tier').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.cartId, table.imageId, table.tier] })],
);

/**
 * What staff agreed with one customer: skip order approval, pay after delivery, and a price
 * agreement (another price list, a discount in basis points, or both).
 */
export const customerTerms = pgTable(
  'customer_terms',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    downloadWithoutApproval: boolean('download_without_approval').notNull().default(false),
    mayPayLater: boolean('may_pay_later').notNull().default(false),
    priceListId: integer('price_list_id').references(() => priceLists.id, { onDelete: 'set null' }),
    discountBasisPoints: integer('discount_basis_points').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [check('customer_terms_discount', sql`${table.discountBasisPoints} between 0 and 10000`)],
);

/** EU standard VAT rates for electronically supplied services; shipped, editable by the site owner. */
export const vatRates = pgTable(
  'vat_rates',
  {
    countryCode: text('country_code').primaryKey(),
    countryName: text('country_name').notNull(),
    rateBasisPoints: integer('rate_basis_points').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [check('vat_rates_range', sql`${table.rateBasisPoints} between 0 and 10000`)],
);
