'use server';

import { z } from 'zod';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { cancelErasure, confirmErasure } from '@/lib/privacy/erasure-link';

/** The link in the mail is the proof; no sign-in (the account is locked once confirmed). */
const ZErasureLink = z.object({ token: z.string().default('') });

export const confirmErasureAction = formAction(
  publicActionClient
    .metadata({ name: 'privacy.confirm-erasure' })
    .inputSchema(formInput(ZErasureLink))
    .action(async ({ parsedInput: { token } }) => {
      const { eraseAfter } = await confirmErasure(token);
      return { eraseAfter: eraseAfter.toISOString() };
    }),
);

export const cancelErasureAction = formAction(
  publicActionClient
    .metadata({ name: 'privacy.cancel-erasure' })
    .inputSchema(formInput(ZErasureLink))
    .action(async ({ parsedInput: { token } }) => {
      await cancelErasure(token);
      return {};
    }),
);
