'use server';

import { headers } from 'next/headers';
import { resetPassword } from '@/lib/accounts/reset-password';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { clientInfoFrom } from '@/lib/http/client-info';

/** Asks for a reset link: the same answer whether or not the address has an account. sendAccountLink parses the address. */
export const requestResetAction = formAction(
  publicActionClient
    .metadata({ name: 'auth.request-password-reset' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form }) => {
      await sendAccountLink('password_reset', form, clientInfoFrom(await headers()));
      return { email: form.email ?? '' };
    }),
  { keep: (field) => field === 'email' },
);

/** Sets the new password through the link; every session of the account ends. resetPassword parses the passwords. */
export const resetPasswordAction = formAction(
  publicActionClient
    .metadata({ name: 'auth.reset-password' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: { token = '', ...form } }) => {
      await resetPassword(token, form);
      return {};
    }),
);
