import type { TActionFailure } from '@/lib/errors';

/**
 * What a form's action gives back to useActionState (types only: client components import this).
 * A failure is exactly what lib/errors.ts made of the error (the one place errors become messages),
 * plus the submitted values of the fields the action keeps, to show them again. Never passwords.
 */
export type TFormFailure = TActionFailure & { values: Record<string, string> };

export type TFormState<TSuccess extends object = object> = { ok: null } | ({ ok: true } & TSuccess) | TFormFailure;

/** Before the first submit. */
export const INITIAL_FORM_STATE: { ok: null } = { ok: null };
