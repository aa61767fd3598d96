import { bigint, index, jsonb, pgEnum, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditActorKind = pgEnum('audit_actor_kind', ['customer', 'staff', 'system']);

/**
 * The audit trail: who did what to whose data, when, from where and why. Append-only and
 * hash-chained: each row's hash covers its fields and the previous row's hash, so a changed or
 * missing row breaks the chain (`npm run audit:verify`). A trigger (migration 0005) refuses UPDATE,
 * DELETE and TRUNCATE; only audit_trail_remove_before() removes rows, for the retention job.
 *
 * It holds ids and field names, never a customer's personal values; the one personal value is the
 * client address. Erasure removes that address through audit_trail_deidentify() (migration 0012),
 * the only UPDATE the trigger lets through. The hash (format 2) covers a salted digest of the address
 * instead of the address itself, so the chain still verifies once address and salt are gone.
 * No foreign keys: an entry outlives the account it is about.
 */
export const auditTrail = pgTable(
  'audit_trail',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorKind: auditActorKind('actor_kind').notNull(),
    action: text('action').notNull(),
    subjectUserId: uuid('subject_user_id'),
    objectType: text('object_type'),
    objectId: text('object_id'),
    clientIp: text('client_ip'),
    /** Random per entry; with the address it gives client_ip_digest. Removed with the address. */
    clientIpSalt: text('client_ip_salt'),
    /** SHA-256 of salt and address: what a format-2 hash covers in place of the address. */
    clientIpDigest: text('client_ip_digest'),
    /** 1: the hash covers the address itself (entries written before migration 0012); 2: its salted digest. */
    hashVersion: smallint('hash_version').notNull().default(1),
    /** When erasure removed the address (and salt) of this entry. */
    deidentifiedAt: timestamp('deidentified_at', { withTimezone: true }),
    purpose: text('purpose'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [index('audit_trail_subject_idx').on(table.subjectUserId, table.id), index('audit_trail_occurred_idx').on(table.occurredAt)],
);
