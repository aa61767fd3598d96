'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { registerAccount } from '@/lib/accounts/register-account';
import { toActionFailure, type TActionFailure } from '@/lib/errors';
import { clientInfoFrom } from '@/lib/http/client-info';

export type TRegisterState = (TActionFailure & { values: Record<string, string> }) | null;

/** Fields whose values go back to the form after an error. Never the password. */
const KEPT_FIELDS = /^(fullName|email|company|addressLine1|addressLine2|postalCode|city|countryCode|phone|age|marketing|custom_[a-z][a-z0-9_]{0,31})$/;

export async function registerAction(_state: TRegisterState, formData: FormData): Promise<TRegisterState> {
  const form: Record<string, unknown> = Object.fromEntries(formData);
  // The age statement is recorded against the wording of the option chosen: send that wording's hash.
  form.shownAge = form.age === 'parental' ? form.shownAgeParental : form.shownAgeAdult;
  try {
    await registerAccount(form, clientInfoFrom(await headers()));
  } catch (error) {
    return { ...toActionFailure(error), values: keptValues(form) };
  }
  // The same page whether the address was new or already had an account (its owner gets a mail).
  redirect('/register/check-email');
}

function keptValues(form: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (KEPT_FIELDS.test(name) && typeof value === 'string') values[name] = value.slice(0, 500);
  }
  return values;
}
