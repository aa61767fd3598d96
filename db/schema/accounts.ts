import { sql } from 'drizzle-orm';
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userKind = pgEnum('user_kind', ['customer', 'staff']);
export const userStatus = pgEnum('user_status', ['pending', 'active', 'disabled']);

/** A person with an account. `id` is the subject id every person-related row points at. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    fullName: text('full_name').notNull(),
    kind: userKind('kind').notNull().default('customer'),
    staffRole: text('staff_role'),
    status: userStatus('status').notNull().default('pending'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_unique').on(sql`lower(${table.email})`)],
);
