import { z } from 'zod';
import { retentionRules } from './classification';

/**
 * The retention periods the site owner may change (setting `privacy.retentionDays`), in days, with
 * the bounds a value must keep. Each is read by the job that applies it at every run, and by the
 * texts that name it ({retention:<key>}), so the policy and the jobs cannot disagree.
 * The defaults are retentionRules' own days.
 */
export const editableRetention = {
  activity: { label: "Customers' searches, previews, comp downloads and sign-ins", min: 30, max: 1825, default: retentionRules.activity.days },
  'activity-guests': { label: "Visitors' activity (not signed in)", min: 1, max: 365, default: retentionRules.activity.guestDays },
  'login-ip': { label: 'IP addresses recorded with activity', min: 7, max: 730, default: retentionRules['login-ip'].days },
  'session-history': { label: 'Sessions, after they end (sign-in history)', min: 1, max: 730, default: retentionRules['session-history'].days },
  'access-log': { label: 'Sign-in attempts and refused staff requests', min: 30, max: 730, default: retentionRules['access-log'].days },
  'audit-retention': { label: 'Audit trail', min: 365, max: 3650, default: retentionRules['audit-retention'].days },
  'guest-visit': { label: 'Lightboxes and carts of visitors, after their last change', min: 1, max: 365, default: retentionRules['guest-visit'].days },
  'share-link': { label: 'Shares, after their link expired or was withdrawn', min: 1, max: 365, default: retentionRules['share-link'].days },
  'unactivated-accounts': { label: 'Accounts never activated', min: 1, max: 90, default: 7 },
  // The floor is the shortest any country Stockroom knows requires; the seller's own country may ask more (taxRecordMinimumDays).
  'tax-record': { label: 'Orders, invoices, credit notes and payments (tax law)', min: 7 * 365, max: 20 * 365, default: retentionRules['tax-record'].days },
  'cookie-consent-proof': { label: "Visitors' cookie choices: the anonymous consent id", min: 190, max: 1095, default: retentionRules['cookie-consent-proof'].days },
} as const;

export type TEditableRetention = keyof typeof editableRetention;
export const editableRetentionKeys = Object.keys(editableRetention) as TEditableRetention[];

const periodSchema = (key: TEditableRetention) => {
  const { min, max, default: fallback } = editableRetention[key];
  return z
    .number({ error: 'Enter a whole number of days.' })
    .int('Enter a whole number of days.')
    .min(min, `At least ${min} days.`)
    .max(max, `At most ${max} days.`)
    .default(fallback);
};

export const ZRetentionDays = z.object(Object.fromEntries(editableRetentionKeys.map((key) => [key, periodSchema(key)])) as { [K in TEditableRetention]: ReturnType<typeof periodSchema> });
export type TRetentionDays = z.output<typeof ZRetentionDays>;

export const defaultRetentionDays = Object.fromEntries(editableRetentionKeys.map((key) => [key, editableRetention[key].default])) as TRetentionDays;

/**
 * Years that tax and accounting law makes a seller keep invoices, by the seller's country. A
 * country not listed keeps the longest of them, 10 years, until someone who knows its law adds it.
 */
const taxRecordYears: Record<string, number> = { NL: 7, FR: 10, DE: 10 };
const UNKNOWN_COUNTRY_YEARS = 10;

export const taxRecordMinimumYears = (countryCode: string) => taxRecordYears[countryCode] ?? UNKNOWN_COUNTRY_YEARS;
export const taxRecordMinimumDays = (countryCode: string) => taxRecordMinimumYears(countryCode) * 365;

/** A period as the texts say it: "30 days", "6 months", "12 months", "2 years". */
export function periodInWords(days: number): string {
  if (days === 365) return '12 months';
  if (days % 365 === 0) return `${days / 365} years`;
  if (days >= 180 && days % 30 === 0) return `${days / 30} months`;
  return days === 1 ? '1 day' : `${days} days`;
}
