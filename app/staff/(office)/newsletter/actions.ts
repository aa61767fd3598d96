'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { ZNewsletterInput } from '@/lib/marketing/newsletter-input';
import { previewNewsletter, type TNewsletterPreview } from '@/lib/marketing/preview-newsletter';
import { startCampaign } from '@/lib/marketing/send-campaign';

const ZNewsletterForm = ZNewsletterInput.extend({ intent: z.enum(['preview', 'send'], 'Choose Preview or Send.') });

const customers = (count: number) => (count === 1 ? '1 customer' : `${count} customers`);

/** Preview (nothing is stored) or send (a campaign, audited, queued by a job); the button pressed says which. */
export const newsletterAction = formAction(
  staffActionClient
    .metadata({ name: 'marketing.send-newsletter', permission: 'marketing.send' })
    .inputSchema(formInput(ZNewsletterForm))
    .action(async ({ parsedInput: { intent, ...input }, ctx: { actor } }): Promise<{ message: string; preview?: TNewsletterPreview; values?: { subject: string; body: string } }> => {
      const preview = await previewNewsletter(actor, input);
      if (intent === 'preview') {
        // React empties a form after its action: the text goes back to be shown again, and sent next.
        return { message: `Preview below. ${customers(preview.recipients)} would get it now.`, preview, values: input };
      }
      await startCampaign(actor, input);
      revalidatePath('/staff/newsletter');
      return { message: `Sending “${input.subject}”: every customer whose consent is in force when the job runs gets it (${customers(preview.recipients)} now).` };
    }),
  { keep: (field) => field === 'subject' || field === 'body' },
);
