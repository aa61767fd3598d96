import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { dataExports } from './downloads';

/** The rights of GDPR art. 15 to 21 a person can ask for. */
export const privacyRequestKind = pgEnum('privacy_request_kind', ['access', 'export', 'rectification', 'erasure', 'restriction', 'objection']);

/**
 * awaiting_identity: made by staff for a mailed request; the person must open the link sent to the address.
 * awaiting_confirmation: a self-service erasure waiting for the link in its mail.
 * open: being handled by staff.
 * cooling_off: an erasure confirmed; the job erases at erase_after unless the link cancels it first.
 * completed, refused, cancelled: closed. failed: an erasure that stopped part-way (nothing changed); staff may retry.
 */
export const privacyRequestState = pgEnum('privacy_request_state', [
  'awaiting_identity',
  'awaiting_confirmation',
  'open',
  'cooling_off',
  'completed',
  'refused',
  'cancelled',
  'failed',
]);

/** retention_policy: an erasure the inactive-accounts rule started (lib/privacy/erase-inactive-accounts.ts). */
export const privacyRequestSource = pgEnum('privacy_request_source', ['self_service', 'staff', 'retention_policy']);

/**
 * A data-subject request (art. 12 to 22) on the privacy desk: who asked for what, when it is due,
 * and what was done. Kept as proof that the request was answered; erasure of the subject blanks
 * the personal values and keeps the dates, kind and outcome.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: privacyRequestKind('kind').notNull(),
    state: privacyRequestState('state').notNull(),
    source: privacyRequestSource('source').notNull(),
    /** The account the request is about; null for a person without an account. */
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Where the person asked from and is answered at (a person without an account, or a mailed request). */
    contactEmail: text('contact_email'),
    contactName: text('contact_name'),
    /** What the person asked for, in their or the staff member's words. */
    details: text('details'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** One month after receipt (art. 12(3)); an extension moves it up to two months further. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    /** SHA-256 of the single-use link mailed for the identity check or the erasure confirmation. */
    tokenSha256: text('token_sha256').unique(),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** An erasure in cooling-off runs at this time. */
    eraseAfter: timestamp('erase_after', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** What was done, or why the request was refused; said to the person. */
    outcome: text('outcome'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    handledByUserId: uuid('handled_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The copy made for an access or export request: by the person in My Account, or by staff for a mailed request. */
    dataExportId: uuid('data_export_id').references(() => dataExports.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('privacy_requests_subject_idx').on(table.subjectUserId, table.receivedAt),
    index('privacy_requests_open_due_idx').on(table.dueAt).where(sql`${table.closedAt} is null`),
    index('privacy_requests_erase_after_idx').on(table.eraseAfter).where(sql`${table.state} = 'cooling_off'`),
  ],
);

/**
 * Subjects erased, by id only. A copy of each line also goes to a file outside the database
 * (lib/privacy/erasure-tombstones.ts), so that `npm run privacy:replay-erasures` can erase them
 * again after an older backup is restored.
 */
export const erasureTombstones = pgTable('erasure_tombstones', {
  subjectUserId: uuid('subject_user_id').primaryKey(),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
});
