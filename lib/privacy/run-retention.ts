import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { retentionRuns } from '@/db/schema';
import { db } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { applyRetention, type TApplyRetentionOptions, type TRetentionCount } from './apply-retention';

export type TRetentionTrigger = (typeof retentionRuns.$inferInsert)['trigger'];

type TRunLog = Partial<Pick<typeof retentionRuns.$inferInsert, 'counts' | 'totalRows' | 'accountCounts'>>;

/**
 * A logged run of one of the jobs the retention page lists: the row is written before the run
 * starts, so a run that dies half-way still shows (without a finish time, with the error's class),
 * and what `logOf` takes from its result after.
 */
export async function loggedRun<T>(
  run: { job: (typeof retentionRuns.$inferInsert)['job']; trigger: TRetentionTrigger },
  work: () => Promise<T>,
  logOf: (result: T) => TRunLog,
): Promise<T> {
  const [row] = await db.insert(retentionRuns).values({ ...run, startedAt: new Date() }).returning({ id: retentionRuns.id });
  try {
    const result = await work();
    await db
      .update(retentionRuns)
      .set({ finishedAt: new Date(), ...logOf(result) })
      .where(eq(retentionRuns.id, row!.id));
    return result;
  } catch (error) {
    await db.update(retentionRuns).set({ failure: errorSummary(error).slice(0, 200) }).where(eq(retentionRuns.id, row!.id));
    throw error;
  }
}

/** A real retention run, logged with its counts per table and rule. */
export async function runRetention(trigger: TRetentionTrigger, options: Omit<TApplyRetentionOptions, 'dryRun' | 'executor'> = {}): Promise<TRetentionCount[]> {
  return loggedRun({ job: 'retention', trigger }, () => applyRetention(options), (counts) => ({ counts, totalRows: counts.reduce((sum, count) => sum + count.rows, 0) }));
}

export type TRetentionRun = typeof retentionRuns.$inferSelect;

export async function listRetentionRuns(limit = 30): Promise<TRetentionRun[]> {
  return db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt), desc(retentionRuns.id)).limit(limit);
}
