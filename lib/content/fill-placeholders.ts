import { inactiveAccountsInWords, type TInactiveAccounts } from '@/lib/privacy/inactive-accounts-settings';
import { editableRetentionKeys, periodInWords, type TRetentionDays } from '@/lib/privacy/retention-settings';

export type TPlaceholderValues = { consentAge: number; retention: TRetentionDays; inactiveAccounts: TInactiveAccounts };

const PLACEHOLDER = /\{(age|inactive-accounts|retention:[a-z-]+)\}/g;

/**
 * Fills {age}, {retention:<period>} and {inactive-accounts} from the settings in force, so a text
 * names the consent age and the retention periods the jobs apply, and says what the inactive-accounts
 * rule does only while it is on (empty while off). An unknown name is left as written (publishing refuses it).
 */
export function fillPlaceholders(text: string, values: TPlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'age') return String(values.consentAge);
    if (name === 'inactive-accounts') return inactiveAccountsInWords(values.inactiveAccounts);
    const key = name.slice('retention:'.length);
    return (editableRetentionKeys as string[]).includes(key) ? periodInWords(values.retention[key as keyof TRetentionDays]) : whole;
  });
}

/** Placeholders in a text that fillPlaceholders does not know, e.g. a misspelt {retention:activty}. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(/\{(retention:[^}\s]*|age|inactive-accounts)\}/g)].map((match) => match[1]!);
  return names.filter((name) => name !== 'age' && name !== 'inactive-accounts' && !(editableRetentionKeys as string[]).includes(name.slice('retention:'.length)));
}

export const placeholderNames = ['age', ...editableRetentionKeys.map((key) => `retention:${key}`), 'inactive-accounts'];
