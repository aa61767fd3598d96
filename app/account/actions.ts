'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { customFieldsSchema, ZProfileFields } from '@/lib/accounts/profile-fields';
import { updateProfile } from '@/lib/accounts/update-profile';
import { customerActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { checkedForm } from '@/lib/actions/form-input';
import { clientInfoFrom } from '@/lib/http/client-info';
import { getSetting } from '@/lib/settings/get-setting';

const PROFILE_FIELD_NAMES = new Set(Object.keys(ZProfileFields.shape));
const isDetailsField = (name: string) => PROFILE_FIELD_NAMES.has(name) || name.startsWith('custom_');

/**
 * Saves the details form. The whole form goes to updateProfile, which reads only the fields of its
 * schema: an e-mail, a role, an id or a status added to the request changes nothing.
 */
export const saveDetailsAction = formAction(
  customerActionClient
    .metadata({ name: 'account.save-details', signInReturnTo: '/account' })
    .inputSchema(async () => checkedForm(ZProfileFields.and(customFieldsSchema(await getSetting('registration.customFields')))))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      await updateProfile(actor, form, clientInfoFrom(await headers()));
      revalidatePath('/account', 'layout');
      return { message: 'Your details have been saved.' };
    }),
  { keep: isDetailsField },
);
