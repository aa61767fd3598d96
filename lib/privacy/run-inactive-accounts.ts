import 'server-only';
import { getSetting } from '@/lib/settings/get-setting';
import { eraseInactiveAccounts, type TInactiveAccountsOutcome } from './erase-inactive-accounts';
import { loggedRun, type TRetentionTrigger } from './run-retention';

/**
 * A real run of the inactive-accounts rule, logged in retention_runs (job 'inactive-accounts') beside
 * the retention runs. While the rule is off (the default) the job does nothing and logs nothing, so
 * the log is not filled with a daily empty line.
 */
export async function runInactiveAccounts(trigger: TRetentionTrigger, options: { now?: Date } = {}): Promise<TInactiveAccountsOutcome> {
  const rule = await getSetting('privacy.inactiveAccounts');
  if (rule.months === null) return eraseInactiveAccounts({ ...options, rule });
  return loggedRun(
    { job: 'inactive-accounts', trigger },
    () => eraseInactiveAccounts({ ...options, rule }),
    ({ warned, erased, skippedUnpaid, skippedRestricted, failed }) => ({ accountCounts: { warned, erased, skippedUnpaid, skippedRestricted, failed } }),
  );
}
