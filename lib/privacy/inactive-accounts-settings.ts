import { z } from 'zod';

/**
 * The inactive-accounts rule (setting `privacy.inactiveAccounts`): customer accounts with no sign-in,
 * no use of a signed-in session and no order for `months` are erased through the erasure engine,
 * after a warning mailed `warnDays` before (none when null). Off (months null) by default.
 */
export const inactiveAccountsBounds = { months: { min: 6, max: 120 }, warnDays: { min: 1, max: 90 } } as const;

export const ZInactiveAccounts = z
  .object({
    months: z
      .number({ error: 'Enter a whole number of months, or leave it empty.' })
      .int('Enter a whole number of months, or leave it empty.')
      .min(inactiveAccountsBounds.months.min, `At least ${inactiveAccountsBounds.months.min} months.`)
      .max(inactiveAccountsBounds.months.max, `At most ${inactiveAccountsBounds.months.max} months.`)
      .nullable(),
    warnDays: z
      .number({ error: 'Enter a whole number of days, or leave it empty.' })
      .int('Enter a whole number of days, or leave it empty.')
      .min(inactiveAccountsBounds.warnDays.min, `At least ${inactiveAccountsBounds.warnDays.min} day.`)
      .max(inactiveAccountsBounds.warnDays.max, `At most ${inactiveAccountsBounds.warnDays.max} days.`)
      .nullable(),
  })
  .strict();

export type TInactiveAccounts = z.output<typeof ZInactiveAccounts>;

export const defaultInactiveAccounts: TInactiveAccounts = { months: null, warnDays: 30 };

const monthsInWords = (months: number) => (months % 12 === 0 ? (months === 12 ? '12 months' : `${months / 12} years`) : `${months} months`);

/**
 * What the privacy policy says about the rule ({inactive-accounts}): nothing while it is off, so the
 * text never promises or threatens what the job does not do.
 */
export function inactiveAccountsInWords(rule: TInactiveAccounts): string {
  if (rule.months === null) return '';
  const warning = rule.warnDays === null ? '' : ` We e-mail you ${rule.warnDays} ${rule.warnDays === 1 ? 'day' : 'days'} before; signing in keeps your account.`;
  return (
    `If you neither sign in nor order for ${monthsInWords(rule.months)}, we erase your account as if you had asked us to, with the same receipt, keeping only what the law makes us keep (see above).${warning}` +
    ' An account with an unpaid invoice, or whose processing is restricted at your request, is not erased this way.'
  );
}
