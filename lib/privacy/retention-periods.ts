import 'server-only';
import type { TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { retentionRules, type TRetentionRule } from './classification';
import { retentionDescriptions, type TRetentionDescriptions } from './retention-descriptions';
import type { TEditableRetention } from './retention-settings';

type TRuleShape = { days: number | null; guestDays?: number; description: string };

/** The site owner's periods now (privacy.retentionDays), read at each use so a change applies to the next run. */
export async function retentionPeriods(executor?: TExecutor) {
  return getSetting('privacy.retentionDays', executor);
}

/** One editable period, in days. */
export async function retentionDays(key: TEditableRetention, executor?: TExecutor): Promise<number> {
  return (await retentionPeriods(executor))[key];
}

/** retentionRules with the site owner's periods in place of the defaults: what planRetention applies. */
export async function retentionRulesInForce(executor?: TExecutor): Promise<Record<TRetentionRule, TRuleShape>> {
  const periods = await retentionPeriods(executor);
  const rules = { ...retentionRules } as Record<TRetentionRule, TRuleShape>;
  rules.activity = { ...retentionRules.activity, days: periods.activity, guestDays: periods['activity-guests'] };
  // An IP address never outlives the row it is in (the planner redacts the shorter rule's columns
  // and deletes the row at the longer one), and a visitor's never outlives a customer's.
  const loginIp = Math.min(periods['login-ip'], periods.activity);
  rules['login-ip'] = { ...retentionRules['login-ip'], days: loginIp, guestDays: Math.min(periods['activity-guests'], loginIp) };
  for (const key of ['session-history', 'access-log', 'audit-retention', 'guest-visit', 'share-link', 'tax-record', 'cookie-consent-proof'] as const) {
    rules[key] = { ...retentionRules[key], days: periods[key] };
  }
  return rules;
}

/**
 * The rules' descriptions with the site owner's periods (retention page and the ZIP and export days
 * of the settings page), as My data, the export's index, the erasure preview and receipt and the
 * art. 30 record show them. One query at a time: a transaction's connection cannot run two at once.
 */
export async function retentionDescriptionsInForce(executor?: TExecutor): Promise<TRetentionDescriptions> {
  const periods = await retentionPeriods(executor);
  const inactiveAccounts = await getSetting('privacy.inactiveAccounts', executor);
  const bundleDays = await getSetting('downloads.bundleDays', executor);
  const exportDays = await getSetting('privacy.exportDays', executor);
  return retentionDescriptions(periods, inactiveAccounts, { bundleDays, exportDays });
}
