'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { shareByMail } from '@/lib/lightboxes/share-by-mail';

export const shareImageAction = formAction(
  customerActionClient
    .metadata({ name: 'shop.share-image', signInReturnTo: '/account/shares' })
    .inputSchema(formInput(z.object({ imageId: z.string(), recipients: z.string().default(''), message: z.string().default('') })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { sent } = await shareByMail(actor, { kind: 'image', imageId: parsedInput.imageId }, parsedInput);
      revalidatePath('/account/shares');
      return { message: `Sent to ${sent === 1 ? '1 address' : `${sent} addresses`}. You can see and withdraw each link under Shares in My Account.` };
    }),
  { keep: (field) => field === 'recipients' || field === 'message' },
);
