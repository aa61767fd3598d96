import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const sessionEndReason = pgEnum('session_end_reason', [
  'logout',
  'signed_in_elsewhere',
  'signed_out_elsewhere',
  'password_changed',
  'password_reset',
  'idle_timeout',
  'expired',
  'account_disabled',
  'ended_by_staff',
]);

/**
 * Server-side sessions. The browser's token carries only a random session id; its SHA-256 is
 * stored here and checked on every request, so ending a row ends the session at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenSha256: text('token_sha256').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    remember: boolean('remember').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    browser: text('browser'),
    os: text('os'),
    country: text('country'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: sessionEndReason('end_reason'),
  },
  (table) => [
    index('sessions_user_idx').on(table.userId, table.createdAt.desc()),
    index('sessions_open_idx').on(table.userId).where(sql`${table.endedAt} is null`),
  ],
);
