import { bigint, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const consentPurpose = pgEnum('consent_purpose', ['age_confirmation', 'parental_consent', 'marketing_email', 'privacy_notice']);
export const consentAction = pgEnum('consent_action', ['given', 'withdrawn']);

/**
 * Proof of consent (GDPR art. 7(1)): who agreed to which exact text, when, from where. Append-only:
 * a trigger (migration 0003) refuses UPDATE and DELETE, so the application cannot rewrite history.
 */
export const consentLedger = pgTable(
  'consent_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subjectUserId: uuid('subject_user_id')
      .notNull()
      .references(() => users.id),
    purpose: consentPurpose('purpose').notNull(),
    action: consentAction('action').notNull(),
    textVersion: text('text_version').notNull(),
    textSha256: text('text_sha256').notNull(),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('consent_ledger_subject_idx').on(table.subjectUserId, table.purpose, table.createdAt.desc())],
);
