'use server';

import { revalidatePath } from 'next/cache';
import { ZProfileFields } from '@/lib/accounts/profile-fields';
import { updateProfile } from '@/lib/accounts/update-profile';
import { requireUser } from '@/lib/auth/guards';
import { toActionFailure } from '@/lib/errors';
import { echoValues, type TFormState } from './_components/form-state';

const PROFILE_FIELD_NAMES = new Set(Object.keys(ZProfileFields.shape));
const isDetailsField = (name: string) => PROFILE_FIELD_NAMES.has(name) || name.startsWith('custom_');

/**
 * Saves the details form. The whole form goes to updateProfile, which reads only the fields of its
 * schema: an e-mail, a role, an id or a status added to the request changes nothing.
 */
export async function saveDetailsAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const actor = await requireUser('/account');
  try {
    await updateProfile(actor, Object.fromEntries(formData));
  } catch (error) {
    return { ...toActionFailure(error), values: echoValues(formData, isDetailsField) };
  }
  revalidatePath('/account', 'layout');
  return { ok: true, message: 'Your details have been saved.' };
}
