import { bigint, boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

export const consentPurpose = pgEnum('consent_purpose', [
  'age_confirmation',
  'parental_consent',
  'marketing_email',
  'privacy_notice',
  'cookie_preferences',
  'cookie_statistics',
  'cookie_marketing',
]);
export const consentAction = pgEnum('consent_action', ['given', 'withdrawn']);
/** Where a cookie choice was recorded: the banner, the Cookie settings, or copied to the account at sign-in. */
export const cookieChoiceVia = pgEnum('cookie_choice_via', ['banner', 'settings', 'sign_in']);

/**
 * Proof of consent (GDPR art. 7(1)): who agreed to which exact text, when, from where. Append-only:
 * a trigger (migrations 0003, 0012 and cookie_consent_ledger) refuses UPDATE and DELETE, so the
 * application cannot rewrite history. A cookie choice of a visitor who is not signed in has no
 * subject: the anonymous consent id of their cookie ties its rows together, and sign-in appends the
 * choice in force again with the account as subject.
 */
export const consentLedger = pgTable(
  'consent_ledger',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subjectUserId: uuid('subject_user_id').references(() => users.id),
    purpose: consentPurpose('purpose').notNull(),
    action: consentAction('action').notNull(),
    textVersion: text('text_version').notNull(),
    textSha256: text('text_sha256').notNull(),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Cookie choices: the random id in the visitor's consent cookie. Blanked by erasure and, for guests, by retention. */
    consentId: uuid('consent_id'),
    /** Cookie choices: where the choice was made. */
    cookieChoiceVia: cookieChoiceVia('cookie_choice_via'),
    /** Cookie choices: the browser sent Global Privacy Control (Sec-GPC: 1) when the choice was recorded. */
    gpc: boolean('gpc').notNull().default(false),
  },
  (table) => [
    index('consent_ledger_subject_idx').on(table.subjectUserId, table.purpose, table.createdAt.desc()),
    index('consent_ledger_consent_id_idx').on(table.consentId, table.createdAt.desc()),
  ],
);
