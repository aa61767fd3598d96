'use server';

import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { changeSettings } from '@/lib/settings/change-settings';
import { SITE_SETTING_KEYS } from '@/lib/settings/page-settings';
import { settingsFromForm } from '@/lib/settings/settings-from-form';

/** Saves one group of the settings page; the use case validates each value and audits each change. */
export const saveSettingsAction = formAction(
  staffActionClient
    .metadata({ name: 'settings.save-settings', permission: 'settings.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { changed } = await changeSettings(actor, settingsFromForm(parsedInput, SITE_SETTING_KEYS));
      revalidatePath('/staff/settings');
      return { message: changed.length === 0 ? 'Nothing changed.' : 'Saved. The change applies from now on.' };
    }),
  { keep: () => true },
);
