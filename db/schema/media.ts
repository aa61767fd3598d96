import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { images } from './catalog';

/**
 * Where an image's files live. Keys are random and unrelated to the image id;
 * the original's key never leaves the server (no route takes a key).
 */
export const imageMedia = pgTable('image_media', {
  imageId: bigint('image_id', { mode: 'number' })
    .primaryKey()
    .references(() => images.id, { onDelete: 'cascade' }),
  originalKey: text('original_key').notNull().unique(),
  originalMime: text('original_mime').notNull(),
  originalBytes: bigint('original_bytes', { mode: 'number' }).notNull(),
  originalSha256: text('original_sha256').notNull(),
  thumbKey: text('thumb_key').notNull().unique(),
  thumbWidth: integer('thumb_width').notNull(),
  thumbHeight: integer('thumb_height').notNull(),
  previewKey: text('preview_key').notNull().unique(),
  previewWidth: integer('preview_width').notNull(),
  previewHeight: integer('preview_height').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
