import { editableRetentionKeys, periodInWords, type TRetentionDays } from '@/lib/privacy/retention-settings';

export type TPlaceholderValues = { consentAge: number; retention: TRetentionDays };

const PLACEHOLDER = /\{(age|retention:[a-z-]+)\}/g;

/**
 * Fills {age} and {retention:<period>} from the settings in force, so a text names the consent age
 * and the retention periods the jobs apply. An unknown name is left as written (publishing refuses it).
 */
export function fillPlaceholders(text: string, values: TPlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'age') return String(values.consentAge);
    const key = name.slice('retention:'.length);
    return (editableRetentionKeys as string[]).includes(key) ? periodInWords(values.retention[key as keyof TRetentionDays]) : whole;
  });
}

/** Placeholders in a text that fillPlaceholders does not know, e.g. a misspelt {retention:activty}. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(/\{(retention:[^}\s]*|age)\}/g)].map((match) => match[1]!);
  return names.filter((name) => name !== 'age' && !(editableRetentionKeys as string[]).includes(name.slice('retention:'.length)));
}

export const placeholderNames = ['age', ...editableRetentionKeys.map((key) => `retention:${key}`)];
