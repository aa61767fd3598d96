import type { TInactiveAccountsOutcome } from './erase-inactive-accounts';

const accounts = (count: number) => `${count} ${count === 1 ? 'account' : 'accounts'}`;
const inactive = (count: number) => `${count} inactive ${count === 1 ? 'account' : 'accounts'}`;

type TCounts = Omit<TInactiveAccountsOutcome, 'enabled'>;

/**
 * What a dry run of the inactive-accounts rule found, one line per count, for the staff retention
 * page: every count, a 0 included (it is an answer too), but no warning line while the rule mails
 * no warning. A dry run fails nothing, so there is no failure line.
 */
export function describeInactiveAccountsDryRun(outcome: TCounts, warns: boolean): string[] {
  return [
    ...(warns ? [`would warn ${accounts(outcome.warned)} by mail`] : []),
    `would erase ${accounts(outcome.erased)}`,
    `would keep ${inactive(outcome.skippedUnpaid)} with an unpaid invoice`,
    `would keep ${inactive(outcome.skippedRestricted)} whose processing is restricted`,
  ];
}

/** What a logged run did: only the counts that are not 0, as the retention runs list only the steps that changed rows. */
export function describeInactiveAccountsRun(counts: TCounts): string[] {
  const lines: Array<[number, string]> = [
    [counts.warned, `warned ${accounts(counts.warned)} by mail`],
    [counts.erased, `erased ${accounts(counts.erased)}`],
    [counts.skippedUnpaid, `kept ${inactive(counts.skippedUnpaid)} with an unpaid invoice`],
    [counts.skippedRestricted, `kept ${inactive(counts.skippedRestricted)} whose processing is restricted`],
    [counts.failed, `failed for ${accounts(counts.failed)} (the error is in the server log; a failed erasure waits on the privacy desk)`],
  ];
  return lines.filter(([count]) => count > 0).map(([, line]) => line);
}
