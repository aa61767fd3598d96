'use server';

import { changePassword } from '@/lib/accounts/change-password';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { setSessionCookie } from '@/lib/auth/session-cookie-store';

/**
 * Changes the password. changePassword (which parses the form with its own schema) ends every
 * other session and gives this one a new id; the new id goes into the cookie here, so this
 * browser stays signed in and an old copy of the cookie is worthless. The passwords are never
 * sent back to the form.
 */
export const changePasswordAction = formAction(
  customerActionClient
    .metadata({ name: 'account.change-password', signInReturnTo: '/account/password' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const { sessionToken } = await changePassword(actor, form);
      await setSessionCookie(sessionToken);
      return {
        message:
          'Your password has been changed. Every other browser signed in to your account has been signed out; this one stays signed in. We have sent you an e-mail about the change.',
      };
    }),
);
