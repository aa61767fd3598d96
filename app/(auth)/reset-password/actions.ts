'use server';

import { headers } from 'next/headers';
import { INVALID_RESET_LINK, resetPassword } from '@/lib/accounts/reset-password';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { toActionFailure, type TActionFailure } from '@/lib/errors';
import { clientInfoFrom } from '@/lib/http/client-info';
import type { TEmailLinkState } from '../_components/email-link-form';

/** Asks for a reset link: the same answer whether or not the address has an account. */
export async function requestResetAction(_state: TEmailLinkState, formData: FormData): Promise<TEmailLinkState> {
  const form = Object.fromEntries(formData);
  const email = typeof form.email === 'string' ? form.email : '';
  try {
    await sendAccountLink('password_reset', form, clientInfoFrom(await headers()));
    return { ok: true, email };
  } catch (error) {
    return { ...toActionFailure(error), email };
  }
}

export type TResetPasswordState = { ok: true } | (TActionFailure & { linkUnusable: boolean }) | null;

/** Sets the new password through the link; every session of the account ends. */
export async function resetPasswordAction(_state: TResetPasswordState, formData: FormData): Promise<TResetPasswordState> {
  const { token, ...form } = Object.fromEntries(formData);
  try {
    await resetPassword(typeof token === 'string' ? token : '', form);
    return { ok: true };
  } catch (error) {
    const failure = toActionFailure(error);
    return { ...failure, linkUnusable: failure.error === INVALID_RESET_LINK };
  }
}
