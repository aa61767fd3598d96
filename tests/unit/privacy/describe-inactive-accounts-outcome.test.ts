import { describe, expect, it } from 'vitest';
import { describeInactiveAccountsDryRun, describeInactiveAccountsRun } from '@/lib/privacy/describe-inactive-accounts-outcome';

const none = { warned: 0, erased: 0, skippedUnpaid: 0, skippedRestricted: 0, failed: 0 };

describe('the words for the inactive-accounts rule on the retention page', () => {
  it('a dry run lists every count, zeros too, and no warning line while the rule mails none', () => {
    expect(describeInactiveAccountsDryRun({ ...none, warned: 2, skippedRestricted: 1 }, true)).toEqual([
      'would warn 2 accounts by mail',
      'would erase 0 accounts',
      'would keep 0 inactive accounts with an unpaid invoice',
      'would keep 1 inactive account whose processing is restricted',
    ]);
    expect(describeInactiveAccountsDryRun({ ...none, erased: 1 }, false)).toEqual([
      'would erase 1 account',
      'would keep 0 inactive accounts with an unpaid invoice',
      'would keep 0 inactive accounts whose processing is restricted',
    ]);
  });

  it('a logged run lists only what is not 0, failures included', () => {
    expect(describeInactiveAccountsRun(none)).toEqual([]);
    expect(describeInactiveAccountsRun({ ...none, erased: 3, skippedUnpaid: 1, failed: 1 })).toEqual([
      'erased 3 accounts',
      'kept 1 inactive account with an unpaid invoice',
      'failed for 1 account (the error is in the server log; a failed erasure waits on the privacy desk)',
    ]);
  });
});
