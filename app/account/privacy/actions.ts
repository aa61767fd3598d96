'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { giveMarketingConsent, withdrawMarketingConsent } from '@/lib/accounts/withdraw-marketing-consent';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction, plainFormAction } from '@/lib/actions/form-action';
import { acknowledgePolicyChange } from '@/lib/content/policy-change';
import { formInput } from '@/lib/actions/form-input';
import { clientInfoFrom } from '@/lib/http/client-info';

const ZMarketingChoice = z.object({
  intent: z.enum(['withdraw', 'give'], { error: 'Please choose whether you want marketing e-mails.' }),
  /** Opting in: the SHA-256 of the text the page showed. */
  shownText: z.string().default(''),
});

/**
 * Marketing mail, one click either way. Withdrawing needs nothing but the click; opting in sends
 * the SHA-256 of the text the page showed, and the ledger records agreement to exactly that text.
 */
export const changeMarketingAction = formAction(
  customerActionClient
    .metadata({ name: 'account.change-marketing-consent', signInReturnTo: '/account/privacy' })
    .inputSchema(formInput(ZMarketingChoice))
    .action(async ({ parsedInput: { intent, shownText }, ctx: { actor } }) => {
      const client = clientInfoFrom(await headers());
      try {
        if (intent === 'withdraw') await withdrawMarketingConsent(actor, client);
        else await giveMarketingConsent(actor, client, shownText);
      } finally {
        // A changed text must be shown again before anyone can agree to it: re-render the page either way.
        revalidatePath('/account/privacy');
      }
      return {
        message:
          intent === 'withdraw'
            ? 'Done: we will not send you marketing e-mails any more. You will still receive e-mails about your account and orders.'
            : 'Thank you: we will send you occasional marketing e-mails. You can stop them here with one click at any time.',
      };
    }),
);

/** "I have seen it": the privacy policy in force is recorded as shown to this customer, and the notice goes away. */
export const acknowledgePolicyChangeAction = plainFormAction(
  customerActionClient.metadata({ name: 'account.acknowledge-policy-change', signInReturnTo: '/privacy' }).action(async ({ ctx: { actor } }) => {
    await acknowledgePolicyChange(actor, clientInfoFrom(await headers()));
    revalidatePath('/', 'layout');
  }),
);
