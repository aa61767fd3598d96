'use server';

import { changePassword } from '@/lib/accounts/change-password';
import { currentSession, requireUser } from '@/lib/auth/guards';
import { setSessionCookie } from '@/lib/auth/session-cookie-store';
import { toActionFailure } from '@/lib/errors';
import type { TFormState } from '../_components/form-state';

/**
 * Changes the password. changePassword ends every other session and gives this one a new id;
 * the new id goes into the cookie here, so this browser stays signed in and an old copy of the
 * cookie is worthless. The passwords are never sent back to the form.
 */
export async function changePasswordAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const actor = await requireUser('/account/password');
  const session = await currentSession();
  const remember = session.state === 'active' && session.remember;
  let sessionToken: string;
  try {
    ({ sessionToken } = await changePassword(actor, Object.fromEntries(formData)));
  } catch (error) {
    return toActionFailure(error);
  }
  await setSessionCookie(sessionToken, remember);
  return {
    ok: true,
    message:
      'Your password has been changed. Every other browser signed in to your account has been signed out; this one stays signed in. We have sent you an e-mail about the change.',
  };
}
