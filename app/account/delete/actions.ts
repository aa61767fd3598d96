'use server';

import { revalidatePath } from 'next/cache';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { requestErasure } from '@/lib/privacy/request-erasure';

/** "Delete my account": requestErasure checks the password again and mails the confirmation link. */
export const requestErasureAction = formAction(
  customerActionClient
    .metadata({ name: 'account.request-erasure', signInReturnTo: '/account/delete' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      await requestErasure(actor, form);
      revalidatePath('/account/delete');
      return { message: 'We sent you an e-mail. Your account is deleted only after you open the link in it and confirm.' };
    }),
);
