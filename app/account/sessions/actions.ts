'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { signOutEverywhereElse } from '@/lib/accounts/sign-out-everywhere-else';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';

export const signOutEverywhereElseAction = formAction(
  customerActionClient
    .metadata({ name: 'account.sign-out-everywhere-else', signInReturnTo: '/account/sessions' })
    .inputSchema(formInput(z.object({})))
    .action(async ({ ctx: { actor } }) => {
      const ended = await signOutEverywhereElse(actor);
      revalidatePath('/account/sessions');
      return {
        message:
          ended === 0
            ? 'You were not signed in anywhere else, so nothing needed ending. This browser stays signed in.'
            : `Signed out of ${ended === 1 ? '1 other session' : `${ended} other sessions`}. This browser stays signed in; anyone else must sign in again with your password.`,
      };
    }),
);
