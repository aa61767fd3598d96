import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { users } from './accounts';

export const mailStatus = pgEnum('mail_status', ['pending', 'sent', 'failed']);

/**
 * Written in the same transaction as the change that causes the message.
 * Recipient, subject and bodies sit in `envelope`, encrypted with the data
 * key, and are wiped once delivered: a reset link never rests in plain text.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    template: text('template').notNull(),
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'set null' }),
    envelope: bytea('envelope'),
    status: mailStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('mail_outbox_subject_idx').on(table.subjectUserId),
    index('mail_outbox_created_idx').on(table.createdAt.desc()),
    index('mail_outbox_pending_idx').on(table.createdAt).where(sql`${table.status} = 'pending'`),
  ],
);
