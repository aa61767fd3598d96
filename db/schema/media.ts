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
  /**
   * Which watermark settings the thumbnail and preview were rendered with (lib/media/derivative-style.ts);
   * null for files made before this was recorded. A row whose style is not the current one is
   * re-rendered by the media.rerender-derivatives job.
   */
  derivedStyle: text('derived_style'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
