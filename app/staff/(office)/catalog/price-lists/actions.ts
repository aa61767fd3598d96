'use server';

import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { updatePriceTiers } from '@/lib/catalog/price-lists/update-price-tiers';

/** Saves the size tiers of one price list; the use case validates them and audits the change. */
export const updatePriceTiersAction = formAction(
  staffActionClient
    .metadata({ name: 'catalog.update-price-list', permission: 'catalog.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const { changed } = await updatePriceTiers(actor, form.priceListId, form);
      revalidatePath('/staff/catalog/price-lists');
      return { message: changed.length === 0 ? 'Nothing changed.' : 'Saved. The new prices apply from now on.' };
    }),
  { keep: (field) => field !== 'priceListId' },
);
