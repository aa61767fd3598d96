'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { getOptionalUser } from '@/lib/auth/guards';
import { clientInfoFrom } from '@/lib/http/client-info';
import { cancelErasure, confirmErasure, type TLinkCaller } from '@/lib/privacy/erasure-link';

/** The link in the mail is the proof; no sign-in (the account is locked once confirmed), but another account signed in here is refused. */
const ZErasureLink = z.object({ token: z.string().default('') });

const linkCaller = async (): Promise<TLinkCaller> => ({ signedInUserId: (await getOptionalUser())?.userId ?? null, ip: clientInfoFrom(await headers()).ip });

export const confirmErasureAction = formAction(
  publicActionClient
    .metadata({ name: 'privacy.confirm-erasure' })
    .inputSchema(formInput(ZErasureLink))
    .action(async ({ parsedInput: { token } }) => {
      const { eraseAfter } = await confirmErasure(token, new Date(), await linkCaller());
      return { eraseAfter: eraseAfter.toISOString() };
    }),
);

export const cancelErasureAction = formAction(
  publicActionClient
    .metadata({ name: 'privacy.cancel-erasure' })
    .inputSchema(formInput(ZErasureLink))
    .action(async ({ parsedInput: { token } }) => {
      await cancelErasure(token, new Date(), await linkCaller());
      return {};
    }),
);
