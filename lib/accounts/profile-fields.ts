import { z } from 'zod';
import type { TCustomField } from '@/lib/settings/definitions';
import { isCountryCode } from './countries';

/** Optional text: trimmed, empty becomes null. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${label} contains characters we cannot store.`)
    .optional()
    .transform((value) => (value ? value : null));

/** The details a customer gives and may change themselves. The login e-mail is not among them. */
export const ZProfileFields = z.object({
  fullName: z
    .string({ error: 'Enter your full name.' })
    .trim()
    .min(1, 'Enter your full name.')
    .max(200, 'Your name can be at most 200 characters.')
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Your name contains characters we cannot store.'),
  company: optionalText(200, 'Company'),
  addressLine1: optionalText(200, 'Address'),
  addressLine2: optionalText(200, 'Address line 2'),
  postalCode: optionalText(20, 'Postal code'),
  city: optionalText(100, 'City'),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .refine((value) => !value || isCountryCode(value), 'Choose a country from the list.')
    .transform((value) => value || null),
  phone: z
    .string()
    .trim()
    .max(40, 'Phone can be at most 40 characters.')
    .optional()
    .refine((value) => !value || /^[+0-9 ()./-]{5,40}$/.test(value), 'Enter a phone number with digits, spaces and an optional +.')
    .transform((value) => value || null),
});

export type TProfileFields = z.output<typeof ZProfileFields>;

export const isYesNoField = (field: TCustomField) => field.label.trim().endsWith('?');
export const customFieldName = (field: TCustomField) => `custom_${field.id}`;

/** The site owner's extra fields: a label ending in "?" is a yes/no choice, others are text. */
export function customFieldsSchema(fields: TCustomField[]) {
  const shape: Record<string, z.ZodType<string | boolean | undefined>> = {};
  for (const field of fields.filter((candidate) => candidate.mode !== 'off')) {
    if (isYesNoField(field)) {
      shape[customFieldName(field)] = z
        .enum(['yes', 'no', ''], { error: `Choose yes or no for “${field.label}”.` })
        .optional()
        .refine((value) => field.mode !== 'required' || value === 'yes' || value === 'no', `Choose yes or no for “${field.label}”.`)
        .transform((value) => (value === 'yes' ? true : value === 'no' ? false : undefined));
    } else {
      shape[customFieldName(field)] = z
        .string()
        .trim()
        .max(500, `“${field.label}” can be at most 500 characters.`)
        .optional()
        .refine((value) => field.mode !== 'required' || Boolean(value), `Fill in “${field.label}”.`)
        .transform((value) => value || undefined);
    }
  }
  return z.object(shape);
}

/** Keyed by field id, leaving out unanswered fields. */
export function customFieldValues(fields: TCustomField[], parsed: Record<string, string | boolean | undefined>) {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const value = parsed[customFieldName(field)];
    if (value !== undefined) values[field.id] = value;
  }
  return values;
}
