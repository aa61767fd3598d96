import { settingDefinitions, type TSettingKey } from './definitions';
import type { TSettingChanges } from './change-settings';

/**
 * The settings a back-office form sends, as the values changeSettings validates. Field names are
 * the setting's key and, inside an object or list, the path: 'accounts.consentAge',
 * 'media.watermark.opacity', 'registration.customFields.0.label', 'security.totpRoles.admin' (a
 * ticked box). A list or a set of boxes also sends its bare key (a hidden field), so an empty one
 * still counts as sent. Only `keys` are read: a page changes only its own settings. Text that does
 * not look like a number stays text where a number belongs, so the definition reports it.
 */
export function settingsFromForm(form: Record<string, string>, keys: readonly TSettingKey[]): TSettingChanges {
  const changes: TSettingChanges = {};
  for (const key of keys) {
    const sample: unknown = settingDefinitions[key].default;
    if (key === 'security.totpRoles') {
      if (key in form) changes[key] = Object.keys(form).filter((name) => name.startsWith(`${key}.`)).map((name) => name.slice(key.length + 1));
    } else if (key === 'registration.customFields') {
      if (key in form) changes[key] = customFieldsFrom(form);
    } else if (sample !== null && typeof sample === 'object' && !Array.isArray(sample)) {
      const names = Object.keys(sample);
      if (names.some((name) => `${key}.${name}` in form)) {
        changes[key] = Object.fromEntries(names.map((name) => [name, asValue(form[`${key}.${name}`], (sample as Record<string, unknown>)[name])]));
      }
    } else if (key in form) {
      changes[key] = asValue(form[key], sample);
    }
  }
  return changes;
}

function asValue(text: string | undefined, sample: unknown): unknown {
  const trimmed = (text ?? '').trim();
  if (typeof sample === 'number') return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
  // A yes/no setting is a select of 'true' and 'false'; anything else stays text, so the definition reports it.
  if (typeof sample === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  // The only nullable setting is the security address: empty means "use the fallback".
  if (sample === null) return trimmed === '' ? null : trimmed;
  return text ?? '';
}

/**
 * The rows of the registration-question editor. Empty rows at the end (the blank row for a new
 * question) are not questions; any other row keeps its place, so an error names the row it is in.
 */
function customFieldsFrom(form: Record<string, string>) {
  const prefix = 'registration.customFields.';
  const indexes = new Set<number>();
  for (const name of Object.keys(form)) {
    const match = /^(\d{1,2})\.(id|label|mode)$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (match) indexes.add(Number(match[1]));
  }
  const rows = [...indexes]
    .sort((a, b) => a - b)
    .map((index) => ({ id: (form[`${prefix}${index}.id`] ?? '').trim(), label: form[`${prefix}${index}.label`] ?? '', mode: form[`${prefix}${index}.mode`] ?? '' }));
  while (rows.length > 0 && rows.at(-1)!.id === '' && rows.at(-1)!.label.trim() === '') rows.pop();
  return rows;
}
