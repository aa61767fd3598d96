'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { registerAccount } from '@/lib/accounts/register-account';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { clientInfoFrom } from '@/lib/http/client-info';
import { readGuestKey } from '@/lib/visitors/guest-visitor';

/** Fields whose values go back to the form after an error. Never the password. */
const KEPT_FIELDS = /^(fullName|email|company|addressLine1|addressLine2|postalCode|city|countryCode|phone|age|marketing|custom_[a-z][a-z0-9_]{0,31})$/;

/** registerAccount parses the form with its own schema (with the site owner's custom fields). */
export const registerAction = formAction(
  publicActionClient
    .metadata({ name: 'auth.register' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form }) => {
      // The age statement is recorded against the wording of the option chosen: send that wording's hash.
      const shownAge = form.age === 'parental' ? form.shownAgeParental : form.shownAgeAdult;
      await registerAccount({ ...form, shownAge }, clientInfoFrom(await headers()), undefined, await readGuestKey());
      // The same page whether the address was new or already had an account (its owner gets a mail).
      redirect('/register/check-email');
    }),
  { keep: (field) => KEPT_FIELDS.test(field) },
);
