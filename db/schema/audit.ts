import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditActorKind = pgEnum('audit_actor_kind', ['customer', 'staff', 'system']);

/**
 * The audit trail: who did what to whose data, when, from where and why. Append-only and
 * hash-chained: each row's hash covers its fields and the previous row's hash, so a changed or
 * missing row breaks the chain (`npm run audit:verify`). A trigger (migration 0005) refuses UPDATE,
 * DELETE and TRUNCATE; only audit_trail_remove_before() removes rows, for the retention job.
 *
 * It holds ids and field names, never a customer's personal values, so erasing a customer never
 * touches it. No foreign keys for the same reason: an entry outlives the account it is about.
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
    purpose: text('purpose'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [index('audit_trail_subject_idx').on(table.subjectUserId, table.id), index('audit_trail_occurred_idx').on(table.occurredAt)],
);
