import 'server-only';
import { getSetting } from '@/lib/settings/get-setting';
import { applyRetention, describeRetentionCount, type TRetentionCount } from './apply-retention';
import { describeInactiveAccountsDryRun, describeInactiveAccountsRun } from './describe-inactive-accounts-outcome';
import { eraseInactiveAccounts, type TInactiveAccountsOutcome } from './erase-inactive-accounts';
import { runInactiveAccounts } from './run-inactive-accounts';
import { runRetention } from './run-retention';

export type TRetentionCommandResult = { counts: TRetentionCount[]; inactiveAccounts: TInactiveAccountsOutcome; lines: string[] };

/**
 * `npm run privacy:retention`: both jobs of the retention page, in the daily order (the retention
 * periods, then the inactive-accounts rule). A real run is logged in retention_runs as the daily
 * jobs' are, trigger 'command' (the inactive-accounts rule only while it is on, as its job does); a
 * dry run counts what each would do now, as the page's dry run does, and changes, mails and logs
 * nothing. `lines` is what the command prints.
 */
export async function runRetentionCommand(options: { dryRun: boolean; now?: Date }): Promise<TRetentionCommandResult> {
  const { dryRun, now } = options;
  const counts = dryRun ? await applyRetention({ dryRun, now }) : await runRetention('command', { now });
  // Read once for the dry run, so its lines and its counts follow the same rule.
  const rule = dryRun ? await getSetting('privacy.inactiveAccounts') : null;
  const inactiveAccounts = rule ? await eraseInactiveAccounts({ dryRun: true, now, rule }) : await runInactiveAccounts('command', { now });

  const lines = counts.map((count) => describeRetentionCount(count, dryRun));
  if (!inactiveAccounts.enabled) lines.push('inactive accounts: the inactive-accounts rule is off; no account is warned or erased');
  else {
    const described = rule ? describeInactiveAccountsDryRun(inactiveAccounts, rule.warnDays !== null) : describeInactiveAccountsRun(inactiveAccounts);
    lines.push(...(described.length > 0 ? described : ['no account warned or erased']).map((line) => `inactive accounts: ${line}`));
  }
  if (dryRun) lines.push('dry run: nothing was changed');
  return { counts, inactiveAccounts, lines };
}
