import { bigint, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { orderLines, orders } from './orders';

export const downloadKind = pgEnum('download_kind', ['file', 'bundle']);

/** Every download of a purchased file or bundle, by the buyer (proof of delivery, shown in My Account). */
export const licenceDownloads = pgTable(
  'licence_downloads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    customerUserId: uuid('customer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    orderLineId: uuid('order_line_id').references(() => orderLines.id, { onDelete: 'restrict' }),
    kind: downloadKind('kind').notNull(),
    ip: text('ip'),
    downloadedAt: timestamp('downloaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('licence_downloads_customer_idx').on(table.customerUserId, table.downloadedAt), index('licence_downloads_order_idx').on(table.orderId)],
);

export const bundleStatus = pgEnum('bundle_status', ['pending', 'ready', 'failed']);

/** A ZIP of several purchased files, built by a background job; only its buyer, signed in, can fetch it. */
export const downloadBundles = pgTable(
  'download_bundles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerUserId: uuid('customer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    status: bundleStatus('status').notNull().default('pending'),
    storageKey: text('storage_key').unique(),
    bytes: bigint('bytes', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('download_bundles_customer_idx').on(table.customerUserId, table.createdAt)],
);

export const dataExportStatus = pgEnum('data_export_status', ['pending', 'ready', 'failed']);

/**
 * "Download my data": a ZIP of everything held about one person, built by a background job and
 * stored encrypted (AES-256-GCM under the data key named by key_id, with this row's IV). Only the
 * subject, signed in, can fetch it; it is deleted when it expires.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectUserId: uuid('subject_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: dataExportStatus('status').notNull().default('pending'),
    storageKey: text('storage_key').unique(),
    keyId: text('key_id'),
    iv: text('iv'),
    bytes: bigint('bytes', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('data_exports_subject_idx').on(table.subjectUserId, table.createdAt)],
);
