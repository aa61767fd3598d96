'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { confirmEmailChange } from '@/lib/customers/confirm-email-change';
import { AppError } from '@/lib/errors';
import { clientInfoFrom } from '@/lib/http/client-info';

/**
 * The button behind an e-mail change link. A button, not the link itself: opening a link (or a
 * mail scanner fetching it) must not change an account; the person confirms on the page.
 */
export const confirmEmailChangeAction = formAction(
  publicActionClient
    .metadata({ name: 'auth.confirm-email-change' })
    .inputSchema(formInput(z.object({ token: z.string().max(200).default('') })))
    .action(async ({ parsedInput: { token } }) => {
      const result = await confirmEmailChange(token, clientInfoFrom(await headers()));
      if (!result.ok) throw new AppError(result.reason === 'taken' ? 'CONFLICT' : 'INVALID_INPUT', result.message);
      return {};
    }),
);
