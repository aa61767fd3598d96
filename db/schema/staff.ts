import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { users } from './accounts';

/**
 * A staff member's second factors. The PIN is a bcrypt hash; the TOTP secret is sealed with
 * AES-256-GCM under the data key named by totp_key_id, so the key can be rotated. The last used
 * time step is compared and set in one UPDATE, so a code is accepted once, also under races.
 */
export const staffFactors = pgTable('staff_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  pinHash: text('pin_hash'),
  pinChangedAt: timestamp('pin_changed_at', { withTimezone: true }),
  totpSecretSealed: bytea('totp_secret_sealed'),
  totpKeyId: text('totp_key_id'),
  totpEnrolledAt: timestamp('totp_enrolled_at', { withTimezone: true }),
  totpLastUsedStep: bigint('totp_last_used_step', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Recovery codes: shown once, stored as keyed hashes, each usable once (used_at set in one UPDATE). */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('staff_recovery_codes_user_code_unique').on(table.userId, table.codeHash), index('staff_recovery_codes_unused_idx').on(table.userId).where(sql`${table.usedAt} is null`)],
);
