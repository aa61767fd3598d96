import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { images } from './catalog';

export const activityKind = pgEnum('activity_kind', ['search', 'preview_view', 'comp_download', 'login']);

/**
 * What visitors did. A customer's rows carry their subject id; a guest's rows carry no account,
 * no cookie and an IP truncated to /24 (IPv4) or /48 (IPv6).
 */
export const activityEvents = pgTable(
  'activity_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: activityKind('kind').notNull(),
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'cascade' }),
    imageId: bigint('image_id', { mode: 'number' }).references(() => images.id, { onDelete: 'set null' }),
    searchQuery: text('search_query'),
    searchFilters: jsonb('search_filters').$type<Record<string, string>>(),
    ip: text('ip'),
    browser: text('browser'),
    os: text('os'),
    country: text('country'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('activity_subject_idx').on(table.subjectUserId, table.kind, table.createdAt.desc()),
    index('activity_created_idx').on(table.createdAt),
  ],
);
