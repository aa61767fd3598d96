import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db, type TExecutor } from '@/lib/db/client';
import { planRetention, type TRetentionStep } from './plan-retention';
import { redactTaxRecords } from './redact-tax-records';
import { retentionRulesInForce } from './retention-periods';

const DAY_MS = 86_400_000;
const BATCH_SIZE = 5_000;

export type TRetentionCount = Pick<TRetentionStep, 'table' | 'rule' | 'action' | 'who' | 'days'> & { rows: number };

export type TApplyRetentionOptions = {
  /** Counts what would be deleted or redacted, changes nothing. */
  dryRun?: boolean;
  now?: Date;
  executor?: TExecutor;
  batchSize?: number;
};

/**
 * Applies the retention periods of the personal-data map (see planRetention): deletes rows, or
 * sets columns to null, once their period counted from the table's retentionClock is over; then
 * redacts the billing snapshots of invoices and orders past the tax period (redactTaxRecords).
 * Each batch is its own statement on purpose, not one transaction: a night's backlog in a big
 * table must not hold its locks for the whole run, and a batch done is a batch that need not be
 * done again. Daily job 'privacy.apply-retention'; `npm run privacy:retention [-- --dry-run]`.
 */
export async function applyRetention(options: TApplyRetentionOptions = {}): Promise<TRetentionCount[]> {
  const executor = options.executor ?? db;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const counts: TRetentionCount[] = [];
  // The site owner's periods as they are now (privacy.retentionDays).
  const rules = await retentionRulesInForce(executor);
  const steps = planRetention({ rules });
  for (const step of steps) {
    const due = dueCondition(step, new Date(now.getTime() - step.days * DAY_MS));
    const table = sql.identifier(step.table);
    let rows = 0;
    if (options.dryRun) {
      // The deletions before it did not happen: leave out the rows they would have removed.
      const deletedFirst = steps
        .filter((other) => other.action === 'delete' && other.table === step.table && step.action === 'redact')
        .map((other) => sql` and not (${dueCondition(other, new Date(now.getTime() - other.days * DAY_MS))})`);
      const result = await executor.execute<{ rows: number }>(sql`select count(*)::int as rows from ${table} where ${due}${sql.join(deletedFirst)}`);
      rows = result.rows[0]?.rows ?? 0;
    } else {
      // ctid addresses the row version the inner select found, whatever the table's key is.
      const batch = sql`ctid = any(array(select ctid from ${table} where ${due} limit ${batchSize}))`;
      const change =
        step.action === 'delete'
          ? sql`delete from ${table} where ${batch}`
          : sql`update ${table} set ${sql.join(step.columns.map((column) => sql`${sql.identifier(column)} = null`), sql`, `)} where ${batch}`;
      for (;;) {
        const result = await executor.execute(change);
        const changed = result.rowCount ?? 0;
        rows += changed;
        if (changed < batchSize) break;
      }
    }
    counts.push({ table: step.table, rule: step.rule, action: step.action, who: step.who, days: step.days, rows });
  }
  // The legal hold: billing snapshots of invoices and orders past the tax period are redacted in place.
  const taxDays = rules['tax-record'].days;
  if (taxDays !== null) counts.push(...(await redactTaxRecords({ dryRun: options.dryRun, now, days: taxDays, executor, batchSize })));
  return counts;
}

function dueCondition(step: TRetentionStep, cutoff: Date): SQL {
  const clock = sql.join(step.clock.map((column) => sql.identifier(column)), sql`, `);
  const conditions: SQL[] = [sql`coalesce(${clock}) < ${cutoff.toISOString()}::timestamptz`];
  if (step.subjectColumn && step.who === 'customers') conditions.push(sql`${sql.identifier(step.subjectColumn)} is not null`);
  if (step.subjectColumn && step.who === 'guests') conditions.push(sql`${sql.identifier(step.subjectColumn)} is null`);
  // A row already redacted is not counted again.
  if (step.action === 'redact') {
    conditions.push(sql`(${sql.join(step.columns.map((column) => sql`${sql.identifier(column)} is not null`), sql` or `)})`);
  }
  return sql.join(conditions, sql` and `);
}

/** One line per step that changed (or, in a dry run, would change) rows. */
export function describeRetentionCount(count: TRetentionCount, dryRun = false): string {
  const verb = count.action === 'delete' ? (dryRun ? 'would delete' : 'deleted') : dryRun ? 'would redact' : 'redacted';
  const who = count.who === 'all' ? '' : ` (${count.who})`;
  return `${count.table}: ${verb} ${count.rows} rows past ${count.days} days, rule ${count.rule}${who}`;
}
