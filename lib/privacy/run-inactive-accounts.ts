import 'server-only';
import { eq } from 'drizzle-orm';
import { retentionRuns } from '@/db/schema';
import { db } from '@/lib/db/client';
import { errorSummary } from '@/lib/log/error-summary';
import { getSetting } from '@/lib/settings/get-setting';
import { eraseInactiveAccounts, type TInactiveAccountsOutcome } from './erase-inactive-accounts';
import type { TRetentionTrigger } from './run-retention';

/**
 * A real run of the inactive-accounts rule, logged in retention_runs (job 'inactive-accounts') beside
 * the retention runs, as runRetention logs those: the row is written before the run starts, so a run
 * that dies half-way still shows, and its counts after. While the rule is off (the default) the job
 * does nothing and logs nothing, so the log is not filled with a daily empty line.
 */
export async function runInactiveAccounts(trigger: TRetentionTrigger, options: { now?: Date } = {}): Promise<TInactiveAccountsOutcome> {
  const rule = await getSetting('privacy.inactiveAccounts');
  if (rule.months === null) return eraseInactiveAccounts({ ...options, rule });
  const [run] = await db.insert(retentionRuns).values({ job: 'inactive-accounts', trigger, startedAt: new Date() }).returning({ id: retentionRuns.id });
  try {
    const outcome = await eraseInactiveAccounts({ ...options, rule });
    const { warned, erased, skippedUnpaid, skippedRestricted, failed } = outcome;
    await db
      .update(retentionRuns)
      .set({ finishedAt: new Date(), accountCounts: { warned, erased, skippedUnpaid, skippedRestricted, failed } })
      .where(eq(retentionRuns.id, run!.id));
    return outcome;
  } catch (error) {
    await db.update(retentionRuns).set({ failure: errorSummary(error).slice(0, 200) }).where(eq(retentionRuns.id, run!.id));
    throw error;
  }
}
