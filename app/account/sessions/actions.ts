'use server';

import { revalidatePath } from 'next/cache';
import { signOutEverywhereElse } from '@/lib/accounts/sign-out-everywhere-else';
import { requireUser } from '@/lib/auth/guards';
import { toActionFailure } from '@/lib/errors';
import type { TFormState } from '../_components/form-state';

export async function signOutEverywhereElseAction(_previous: TFormState): Promise<TFormState> {
  const actor = await requireUser('/account/sessions');
  let ended: number;
  try {
    ended = await signOutEverywhereElse(actor);
  } catch (error) {
    return toActionFailure(error);
  }
  revalidatePath('/account/sessions');
  return {
    ok: true,
    message:
      ended === 0
        ? 'You were not signed in anywhere else, so nothing needed ending. This browser stays signed in.'
        : `Signed out of ${ended === 1 ? '1 other session' : `${ended} other sessions`}. This browser stays signed in; anyone else must sign in again with your password.`,
  };
}
