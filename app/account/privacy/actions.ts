'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { giveMarketingConsent, withdrawMarketingConsent } from '@/lib/accounts/withdraw-marketing-consent';
import { requireUser } from '@/lib/auth/guards';
import { AppError, toActionFailure } from '@/lib/errors';
import { clientInfoFrom } from '@/lib/http/client-info';
import type { TFormState } from '../_components/form-state';

/**
 * Marketing mail, one click either way. Withdrawing needs nothing but the click; opting in sends
 * the SHA-256 of the text the page showed, and the ledger records agreement to exactly that text.
 */
export async function changeMarketingAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const actor = await requireUser('/account/privacy');
  const intent = formData.get('intent');
  const client = clientInfoFrom(await headers());
  try {
    if (intent === 'withdraw') await withdrawMarketingConsent(actor, client);
    else if (intent === 'give') await giveMarketingConsent(actor, client, String(formData.get('shownText') ?? ''));
    else throw new AppError('INVALID_INPUT', 'Please choose whether you want marketing e-mails.');
  } catch (error) {
    // A changed text must be shown again before anyone can agree to it: re-render the page either way.
    revalidatePath('/account/privacy');
    return toActionFailure(error);
  }
  revalidatePath('/account/privacy');
  return {
    ok: true,
    message:
      intent === 'withdraw'
        ? 'Done: we will not send you marketing e-mails any more. You will still receive e-mails about your account and orders.'
        : 'Thank you: we will send you occasional marketing e-mails. You can stop them here with one click at any time.',
  };
}
