'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { AppError } from '@/lib/errors';
import { clientInfoFrom } from '@/lib/http/client-info';
import { verifyIdentity } from '@/lib/privacy/requests/identity-link';

/**
 * The button behind a request's identity link. A button, not the link itself: a mail scanner
 * fetching the link must not confirm a request; the person confirms on the page.
 */
export const verifyIdentityAction = formAction(
  publicActionClient
    .metadata({ name: 'privacy.verify-identity' })
    .inputSchema(formInput(z.object({ token: z.string().max(200).default('') })))
    .action(async ({ parsedInput: { token } }) => {
      const result = await verifyIdentity(token, clientInfoFrom(await headers()));
      if (!result.ok) throw new AppError('INVALID_INPUT', result.message);
      return {};
    }),
);
