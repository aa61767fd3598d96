'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { activateAccount } from '@/lib/accounts/activate-account';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { clientInfoFrom } from '@/lib/http/client-info';

/** A missing token is an unusable link, which activateAccount says in its own words. */
const ZActivation = z.object({ token: z.string().default('') });

/** The button on the page behind the activation link (a GET never activates: mail scanners open links). */
export const activateAction = formAction(
  publicActionClient
    .metadata({ name: 'auth.activate-account' })
    .inputSchema(formInput(ZActivation))
    .action(async ({ parsedInput: { token } }) => {
      await activateAccount(token);
      return {};
    }),
);

/** "Send the activation link again": the same answer whether or not the address has a pending account. sendAccountLink parses the address. */
export const resendActivationAction = formAction(
  publicActionClient
    .metadata({ name: 'auth.resend-activation' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form }) => {
      await sendAccountLink('activation', form, clientInfoFrom(await headers()));
      return { email: form.email ?? '' };
    }),
  { keep: (field) => field === 'email' },
);
