'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { requestDownloadBundle } from '@/lib/downloads/request-bundle';

export const requestBundleAction = formAction(
  customerActionClient
    .metadata({ name: 'account.request-download-bundle', signInReturnTo: '/account/downloads' })
    .inputSchema(formInput(z.object({ orderId: z.string().max(100) })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { reused } = await requestDownloadBundle(actor, parsedInput.orderId);
      revalidatePath('/account/downloads');
      return { message: reused ? 'You asked for this ZIP already: its state is shown here.' : 'We are preparing your ZIP and e-mail you when it is ready.' };
    }),
);
