'use server';

import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { COOKIE_SCRIPT_SETTING_KEYS } from '@/lib/cookie-consent/categories';
import { changeSettings } from '@/lib/settings/change-settings';
import { settingsFromForm } from '@/lib/settings/settings-from-form';

/** Saves one category's script; changeSettings validates it, checks the role's permission and audits the change with its old and new value. */
export const saveCookieScriptAction = formAction(
  staffActionClient
    .metadata({ name: 'cookies.save-script', permission: 'settings.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { changed } = await changeSettings(actor, settingsFromForm(parsedInput, COOKIE_SCRIPT_SETTING_KEYS));
      revalidatePath('/staff/cookies');
      return { message: changed.length === 0 ? 'Nothing changed.' : 'Saved. Visitors who consented to this category get the script from their next page on.' };
    }),
  { keep: () => true },
);
