import { bigint, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const campaignStatus = pgEnum('campaign_status', ['queued', 'sent']);

/**
 * A newsletter written in the back office. The send job puts one outbox message per consenting
 * customer in one transaction and records how many; who received it is not kept here (the outbox
 * rows name them until they are purged).
 */
export const marketingCampaigns = pgTable(
  'marketing_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: campaignStatus('status').notNull().default('queued'),
    recipientCount: integer('recipient_count'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [index('marketing_campaigns_created_idx').on(table.createdAt.desc())],
);

/**
 * How often each function of the shop was used per day (UTC): a count and nothing else, so no row
 * can be traced to a person, an address or a browser.
 */
export const usageCounts = pgTable(
  'usage_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    feature: text('feature').notNull(),
    count: bigint('count', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.feature] })],
);
