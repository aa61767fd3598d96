'use server';

import { headers } from 'next/headers';
import { activateAccount } from '@/lib/accounts/activate-account';
import { sendAccountLink } from '@/lib/accounts/send-account-link';
import { toActionFailure, type TActionResult } from '@/lib/errors';
import { clientInfoFrom } from '@/lib/http/client-info';
import type { TEmailLinkState } from '../_components/email-link-form';

/** The button on the page behind the activation link (a GET never activates: mail scanners open links). */
export async function activateAction(_state: TActionResult | null, formData: FormData): Promise<TActionResult> {
  const token = formData.get('token');
  try {
    await activateAccount(typeof token === 'string' ? token : '');
    return { ok: true };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** "Send the activation link again": the same answer whether or not the address has a pending account. */
export async function resendActivationAction(_state: TEmailLinkState, formData: FormData): Promise<TEmailLinkState> {
  const form = Object.fromEntries(formData);
  const email = typeof form.email === 'string' ? form.email : '';
  try {
    await sendAccountLink('activation', form, clientInfoFrom(await headers()));
    return { ok: true, email };
  } catch (error) {
    return { ...toActionFailure(error), email };
  }
}
