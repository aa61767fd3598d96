import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userKind = pgEnum('user_kind', ['customer', 'staff']);
export const userStatus = pgEnum('user_status', ['pending', 'active', 'disabled']);
export const tokenPurpose = pgEnum('token_purpose', ['activation', 'password_reset', 'staff_invitation', 'email_change']);
/** Staff roles; what each may do is lib/staff/permissions.ts, the single source. */
export const staffRole = pgEnum('staff_role', ['superadmin', 'admin', 'privacy_officer', 'sales', 'catalog']);

/** A person with an account. `id` is the subject id every person-related row points at. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    company: text('company'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code'),
    city: text('city'),
    countryCode: text('country_code'),
    phone: text('phone'),
    /** Values of the site owner's custom registration fields, keyed by field id. */
    customFields: jsonb('custom_fields').$type<Record<string, string | boolean>>().notNull().default({}),
    kind: userKind('kind').notNull().default('customer'),
    staffRole: staffRole('staff_role'),
    status: userStatus('status').notNull().default('pending'),
    privacyNoticeVersion: text('privacy_notice_version'),
    /** The number of the newest privacy policy version the person was shown or acknowledged (0: the default text). */
    privacyNoticeSeen: integer('privacy_notice_seen').notNull().default(0),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** Set when the account was erased (anonymized in place); such an account can never sign in again. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /**
     * Processing restricted (GDPR art. 18): the account is kept, but not mailed (lib/mail/restricted-mail.ts)
     * and its orders are not processed, until a privacy officer lifts it.
     */
    restrictedAt: timestamp('restricted_at', { withTimezone: true }),
    restrictedByUserId: uuid('restricted_by_user_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    /** A parent's or guardian's confirmation of a parental registration (art. 8), recorded by a privacy officer. */
    parentalConfirmedAt: timestamp('parental_confirmed_at', { withTimezone: true }),
    parentalConfirmedByUserId: uuid('parental_confirmed_by_user_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the inactive-account warning was mailed (lib/privacy/erase-inactive-accounts.ts); activity after it voids it. */
    inactivityWarnedAt: timestamp('inactivity_warned_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('users_email_unique').on(sql`lower(${table.email})`),
    index('users_pending_created_idx').on(table.createdAt).where(sql`${table.status} = 'pending'`),
  ],
);

/** Single-use links sent by mail. Only the SHA-256 of the token is stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: tokenPurpose('purpose').notNull(),
    tokenSha256: text('token_sha256').notNull().unique(),
    /** For an e-mail change: the new login address, which takes effect when this link is opened. */
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('account_tokens_user_idx').on(table.userId, table.purpose)],
);
