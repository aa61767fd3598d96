import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { images } from './catalog';

/**
 * A customer's (or, during one visit, a guest's) collection of images. A guest's lightbox is keyed
 * by the hash of the anonymous visitor cookie and moves into the account at sign-in or registration;
 * exactly one of owner_user_id and guest_key is set. One lightbox per owner is the active one.
 */
export const lightboxes = pgTable(
  'lightboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    guestKey: text('guest_key'),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    isActive: boolean('is_active').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('lightboxes_one_owner', sql`(${table.ownerUserId} is null) <> (${table.guestKey} is null)`),
    check('lightboxes_name_length', sql`char_length(${table.name}) between 1 and 120`),
    index('lightboxes_owner_idx').on(table.ownerUserId, table.position),
    index('lightboxes_guest_idx').on(table.guestKey),
    uniqueIndex('lightboxes_one_active_per_owner').on(table.ownerUserId).where(sql`${table.isActive} and ${table.ownerUserId} is not null`),
    uniqueIndex('lightboxes_one_active_per_guest').on(table.guestKey).where(sql`${table.isActive} and ${table.guestKey} is not null`),
  ],
);

export const lightboxItems = pgTable(
  'lightbox_items',
  {
    lightboxId: uuid('lightbox_id')
      .notNull()
      .references(() => lightboxes.id, { onDelete: 'cascade' }),
    imageId: bigint('image_id', { mode: 'number' })
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    note: text('note').notNull().default(''),
    position: integer('position').notNull().default(0),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.lightboxId, table.imageId] }),
    check('lightbox_items_note_length', sql`char_length(${table.note}) <= 1000`),
    index('lightbox_items_image_idx').on(table.imageId),
  ],
);

/**
 * A lightbox, or one image, sent by mail to someone. The link's token is stored only as its hash;
 * the recipient's address is a third party's personal data, shown to the sender and erased with them.
 * Exactly one of lightbox_id and image_id is set.
 */
export const shares = pgTable(
  'shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    senderUserId: uuid('sender_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lightboxId: uuid('lightbox_id').references(() => lightboxes.id, { onDelete: 'cascade' }),
    imageId: bigint('image_id', { mode: 'number' }).references(() => images.id, { onDelete: 'cascade' }),
    recipientEmail: text('recipient_email').notNull(),
    message: text('message').notNull().default(''),
    tokenSha256: text('token_sha256').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true }),
    openCount: integer('open_count').notNull().default(0),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    check('shares_one_object', sql`(${table.lightboxId} is null) <> (${table.imageId} is null)`),
    check('shares_message_length', sql`char_length(${table.message}) <= 2000`),
    index('shares_sender_idx').on(table.senderUserId, table.createdAt),
    index('shares_lightbox_idx').on(table.lightboxId),
  ],
);
