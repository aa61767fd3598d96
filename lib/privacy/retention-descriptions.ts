import { settingDefinitions } from '@/lib/settings/definitions';
import { retentionRules, type TRetentionRule } from './classification';
import { defaultInactiveAccounts, type TInactiveAccounts } from './inactive-accounts-settings';
import { defaultRetentionDays, periodInWords, type TRetentionDays } from './retention-settings';

export type TRetentionDescriptions = Record<TRetentionRule, string>;

/** How long a ZIP of an order's files and a "Download my data" export last once ready, set on /staff/settings (downloads.bundleDays, privacy.exportDays). */
export type TExpiryDays = { bundleDays: number; exportDays: number };

/** Those settings' defaults: the periods retentionRules' own words name. */
export const defaultExpiryDays: TExpiryDays = {
  bundleDays: settingDefinitions['downloads.bundleDays'].default,
  exportDays: settingDefinitions['privacy.exportDays'].default,
};

/**
 * How long each rule keeps data, in the words people read (My data, the export's index, the erasure
 * preview and receipt, the record of processing activities), with the site owner's periods
 * (privacy.retentionDays) in place of the defaults: changing a period on /staff/retention changes
 * what those pages say. The ZIP of an order and the data export name the days set on /staff/settings
 * (`expiry`), never the settings' keys. Rules without any such period keep retentionRules' own words; with the
 * default periods every description is exactly retentionRules' (a test holds them together). While
 * the inactive-accounts rule is on, 'account-lifetime' says that unused customer accounts are erased.
 */
export function retentionDescriptions(
  periods: TRetentionDays = defaultRetentionDays,
  inactiveAccounts: TInactiveAccounts = defaultInactiveAccounts,
  expiry: TExpiryDays = defaultExpiryDays,
): TRetentionDescriptions {
  const words = (key: keyof TRetentionDays) => periodInWords(periods[key]);
  // The IP address never outlives its row, and a visitor's never a customer's (retentionRulesInForce).
  const loginIp = Math.min(periods['login-ip'], periods.activity);
  const loginIpGuests = Math.min(periods['activity-guests'], loginIp);
  const descriptions = Object.fromEntries(Object.entries(retentionRules).map(([rule, shape]) => [rule, shape.description])) as TRetentionDescriptions;
  return {
    ...descriptions,
    // While the inactive-accounts rule is on, an account does not last for ever (lib/privacy/erase-inactive-accounts.ts).
    'account-lifetime':
      inactiveAccounts.months === null
        ? descriptions['account-lifetime']
        : `${descriptions['account-lifetime']}; a customer account with no sign-in and no order for ${inactiveAccounts.months} months is erased`,
    activity: `Customers ${words('activity')}; guests ${words('activity-guests')}`,
    'login-ip': `IP addresses ${periodInWords(loginIp)}; guests ${periodInWords(loginIpGuests)}`,
    'session-history': `While the session lasts, then ${words('session-history')} as sign-in history`,
    'access-log': `Sign-in attempts and refused staff requests ${words('access-log')}, then removed by a daily job`,
    'audit-retention': `Audit trail entries ${words('audit-retention')}, then removed by the retention job (audit_trail_remove_before)`,
    'guest-visit': `A guest's lightbox and cart: ${words('guest-visit')} after their last change, then removed by a daily job`,
    'share-link': `Shares: until the link expires or is revoked, then ${words('share-link')} as a record for the sender, then removed by a daily job`,
    'download-bundle': `A ZIP of an order's files and its record: until its link expires (${periodInWords(expiry.bundleDays)} after it is ready), then removed with its file by a daily job`,
    'data-export': `A "Download my data" ZIP and its record: until it expires (${periodInWords(expiry.exportDays)} after it is ready), then removed with its file by a daily job`,
    'tax-record': `Orders, invoices, credit notes and payments: ${words('tax-record')} after issue (tax and accounting law), then the buyer's name, address and other billing details on them are redacted by the retention job; numbers, dates, lines and amounts never change`,
  };
}
