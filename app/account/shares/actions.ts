'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { revokeShare } from '@/lib/lightboxes/revoke-share';

export const revokeShareAction = formAction(
  customerActionClient
    .metadata({ name: 'account.revoke-share', signInReturnTo: '/account/shares' })
    .inputSchema(formInput(z.object({ shareId: z.string() })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await revokeShare(actor, parsedInput.shareId);
      revalidatePath('/account/shares');
      return { message: 'The link is withdrawn: it no longer opens.' };
    }),
);
