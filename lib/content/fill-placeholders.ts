import { inactiveAccountsInWords, type TInactiveAccounts } from '@/lib/privacy/inactive-accounts-settings';
import { editableRetentionKeys, periodInWords, type TRetentionDays } from '@/lib/privacy/retention-settings';

/**
 * Settings in days, set on /staff/settings rather than /staff/retention, that a text names with
 * {days:<setting>}. The cooling-off of "Delete my account" is not one of them: it may be 0, which
 * "0 days" would misstate, so texts say it with {erasure-cooling-off}.
 */
export const daySettingKeys = ['downloads.bundleDays', 'privacy.exportDays'] as const;
export type TDaySettings = Record<(typeof daySettingKeys)[number], number>;

export type TPlaceholderValues = {
  consentAge: number;
  retention: TRetentionDays;
  inactiveAccounts: TInactiveAccounts;
  days: TDaySettings;
  erasureCoolingOffDays: number;
};

export const placeholderNames = [
  'age',
  ...editableRetentionKeys.map((key) => `retention:${key}`),
  ...daySettingKeys.map((key) => `days:${key}`),
  'inactive-accounts',
  'erasure-cooling-off',
];

/**
 * What confirming "Delete my account" leads to ({erasure-cooling-off}), as the end of a sentence
 * that starts "after you confirm …,": with a cooling-off period the lock and the cancel link, with
 * none (0) the erasure at once, so the text never promises a waiting period the job does not keep.
 */
export function erasureCoolingOffInWords(days: number): string {
  if (days === 0) return 'your account is erased at once.';
  return `your account is locked for ${periodInWords(days)}, during which the same link cancels the deletion; then it is erased.`;
}

function filled(name: string, values: TPlaceholderValues): string | null {
  if (name === 'age') return String(values.consentAge);
  if (name === 'inactive-accounts') return inactiveAccountsInWords(values.inactiveAccounts);
  if (name === 'erasure-cooling-off') return erasureCoolingOffInWords(values.erasureCoolingOffDays);
  if (!placeholderNames.includes(name)) return null;
  const colon = name.indexOf(':');
  const key = name.slice(colon + 1);
  return name.startsWith('retention:') ? periodInWords(values.retention[key as keyof TRetentionDays]) : periodInWords(values.days[key as keyof TDaySettings]);
}

const PLACEHOLDER = /\{([a-z-]+(?::[a-zA-Z.-]+)?)\}/g;

/**
 * Fills {age}, {retention:<period>}, {days:<setting>}, {inactive-accounts} and {erasure-cooling-off}
 * from the settings in force, so a text names the consent age and the periods the jobs apply, and
 * says what the inactive-accounts rule does only while it is on (empty while off). An unknown name is
 * left as written (publishing refuses it).
 */
export function fillPlaceholders(text: string, values: TPlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => filled(name, values) ?? whole);
}

/** Placeholders in a text that fillPlaceholders does not know, e.g. a misspelt {retention:activty}. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(/\{((?:retention|days):[^}\s]*|age|inactive-accounts|erasure-cooling-off)\}/g)].map((match) => match[1]!);
  return names.filter((name) => !placeholderNames.includes(name));
}
