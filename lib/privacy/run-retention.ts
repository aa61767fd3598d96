import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { retentionRuns } from '@/db/schema';
import { db } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { applyRetention, type TApplyRetentionOptions, type TRetentionCount } from './apply-retention';

export type TRetentionTrigger = (typeof retentionRuns.$inferInsert)['trigger'];

/**
 * A real retention run, logged: the row is written before the run starts, so a run that dies
 * half-way still shows (without a finish time, with the error's class), and its counts after.
 */
export async function runRetention(trigger: TRetentionTrigger, options: Omit<TApplyRetentionOptions, 'dryRun' | 'executor'> = {}): Promise<TRetentionCount[]> {
  const [run] = await db.insert(retentionRuns).values({ trigger, startedAt: new Date() }).returning({ id: retentionRuns.id });
  try {
    const counts = await applyRetention(options);
    await db
      .update(retentionRuns)
      .set({ finishedAt: new Date(), counts, totalRows: counts.reduce((sum, count) => sum + count.rows, 0) })
      .where(eq(retentionRuns.id, run!.id));
    return counts;
  } catch (error) {
    await db.update(retentionRuns).set({ failure: errorSummary(error).slice(0, 200) }).where(eq(retentionRuns.id, run!.id));
    throw error;
  }
}

export type TRetentionRun = typeof retentionRuns.$inferSelect;

export async function listRetentionRuns(limit = 30): Promise<TRetentionRun[]> {
  return db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt), desc(retentionRuns.id)).limit(limit);
}
