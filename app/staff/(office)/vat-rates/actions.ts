'use server';

import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { changeVatRates } from '@/lib/vat/change-vat-rates';

/** Saves the VAT rates table; the use case validates each rate and audits each change. */
export const saveVatRatesAction = formAction(
  staffActionClient
    .metadata({ name: 'settings.save-vat-rates', permission: 'settings.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const { changed } = await changeVatRates(actor, form);
      if (changed.length > 0) revalidatePath('/staff/vat-rates');
      return {
        message: changed.length === 0 ? 'Nothing changed.' : `Saved ${changed.length === 1 ? 'one rate' : `${changed.length} rates`} (${changed.join(', ')}). Orders from now on use ${changed.length === 1 ? 'it' : 'them'}.`,
      };
    }),
  { keep: (field) => field.startsWith('rate.') },
);
