'use server';

import { revalidatePath } from 'next/cache';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { requestDataExport } from '@/lib/privacy/request-data-export';

/** "Download my data": requestDataExport checks the password again (its own schema parses the form). */
export const requestDataExportAction = formAction(
  customerActionClient
    .metadata({ name: 'account.request-data-export', signInReturnTo: '/account/data' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const { reused } = await requestDataExport(actor, form);
      revalidatePath('/account/data');
      return {
        message: reused
          ? 'You asked for a copy already: its state is shown here.'
          : 'We are preparing a copy of your data and e-mail you when it is ready.',
      };
    }),
);
