import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Every version of a site text (`texts.*` settings) the site owner published. Never updated: a
 * correction is a new version. The text in force is the newest version whose effective time has
 * come (lib/content/text-versions.ts), so a version can be published ahead of its date.
 */
export const textVersions = pgTable(
  'text_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    changeNote: text('change_note').notNull(),
    /** A change customers must be told about at their next sign-in (the privacy policy). */
    material: boolean('material').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('text_versions_key_version_unique').on(table.key, table.version), index('text_versions_key_effective_idx').on(table.key, table.effectiveAt.desc())],
);

/**
 * One row per run (not for dry runs) of the retention job (job 'retention': counts per table and rule)
 * or of the inactive-accounts rule while it is on (job 'inactive-accounts': accountCounts), so the
 * staff retention page shows both in one log: when, who started it, and what it did.
 */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    job: text('job', { enum: ['retention', 'inactive-accounts'] }).notNull().default('retention'),
    trigger: text('trigger', { enum: ['schedule', 'command'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    counts: jsonb('counts').$type<Array<{ table: string; rule: string; action: 'delete' | 'redact'; who: string; days: number; rows: number }>>().notNull().default(sql`'[]'::jsonb`),
    totalRows: integer('total_rows').notNull().default(0),
    /** Job 'inactive-accounts' only: numbers of accounts warned, erased, kept and failed; never which ones. */
    accountCounts: jsonb('account_counts').$type<{ warned: number; erased: number; skippedUnpaid: number; skippedRestricted: number; failed: number }>(),
    /** Why a run stopped, as the error's class and code only (never a query's values). */
    failure: text('failure'),
  },
  (table) => [index('retention_runs_started_idx').on(table.startedAt.desc())],
);
