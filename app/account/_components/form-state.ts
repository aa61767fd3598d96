import type { TActionFailure } from '@/lib/errors';

/**
 * What a My Account form action returns to useActionState. A failure is exactly what
 * toActionFailure (lib/errors.ts, the one place errors become messages) produced, plus, for forms
 * that should keep what the person typed, the submitted values to show again.
 */
export type TFormState =
  | { ok: null }
  | { ok: true; message: string }
  | (TActionFailure & { values?: Record<string, string> });

export const INITIAL_FORM_STATE: TFormState = { ok: null };

/** The submitted text values of the named fields, to refill the form after a refusal. Never used for passwords. */
export function echoValues(formData: FormData, keep: (name: string) => boolean): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === 'string' && keep(name)) values[name] = value.slice(0, 1000);
  }
  return values;
}
