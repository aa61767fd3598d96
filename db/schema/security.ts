import { sql } from 'drizzle-orm';
import { bigint, check, cidr, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffRole, users } from './accounts';

export const allowlistScope = pgEnum('allowlist_scope', ['site', 'role', 'account']);

/**
 * Addresses staff may work from: site-wide, per role and per account. A staff request must match
 * every scope that has entries (an empty scope restricts nothing). Networks are stored normalised
 * (IPv4-mapped IPv6 as IPv4), so Postgres' `>>=` decides membership.
 */
export const staffAllowlist = pgTable(
  'staff_allowlist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scope: allowlistScope('scope').notNull(),
    role: staffRole('role'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    network: cidr('network').notNull(),
    label: text('label').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'staff_allowlist_scope_target',
      sql`(${table.scope} = 'site' and ${table.role} is null and ${table.userId} is null) or (${table.scope} = 'role' and ${table.role} is not null and ${table.userId} is null) or (${table.scope} = 'account' and ${table.userId} is not null and ${table.role} is null)`,
    ),
    index('staff_allowlist_scope_idx').on(table.scope, table.role, table.userId),
  ],
);

export const ipBlockSource = pgEnum('ip_block_source', ['automatic', 'manual']);

/**
 * Blocked addresses: automatic (too many failures from one address, IPv6 by /64) or the deny list
 * an admin keeps. blocked_until null means for good; lifted_at ends a block early.
 */
export const ipBlocks = pgTable(
  'ip_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    network: cidr('network').notNull(),
    source: ipBlockSource('source').notNull(),
    reason: text('reason').notNull().default(''),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [index('ip_blocks_active_idx').on(table.blockedUntil).where(sql`${table.liftedAt} is null`)],
);

export const accessKind = pgEnum('access_kind', ['customer_sign_in', 'staff_sign_in', 'staff_request']);
export const accessStep = pgEnum('access_step', ['password', 'pin', 'pin_setup', 'totp', 'totp_enrolment', 'recovery_code', 'request']);
export const accessOutcome = pgEnum('access_outcome', [
  'success',
  'invalid',
  'throttled',
  'blocked',
  'address_not_allowed',
  'not_activated',
  'disabled',
  'wrong_kind',
  'factor_expired',
  'forbidden',
  'unavailable',
  'parental_pending',
]);

/**
 * Every sign-in attempt (customer and staff, each step) and every refused staff request. The
 * account is recorded only when one matched; what was typed is never stored.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    kind: accessKind('kind').notNull(),
    step: accessStep('step').notNull(),
    outcome: accessOutcome('outcome').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** For a refused staff request: the route or action name, never its query string. */
    target: text('target'),
    ip: text('ip'),
    browser: text('browser'),
    os: text('os'),
    country: text('country'),
  },
  (table) => [
    index('access_log_user_idx').on(table.userId, table.occurredAt.desc()),
    index('access_log_occurred_idx').on(table.occurredAt.desc()),
    index('access_log_ip_idx').on(table.ip, table.occurredAt.desc()),
  ],
);
