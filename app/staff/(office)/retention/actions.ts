'use server';

import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { changeRetentionPeriods } from '@/lib/privacy/change-retention-periods';

/** Saves the retention periods; the use case checks the bounds and the legal minimum, and audits. */
export const saveRetentionPeriodsAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.save-retention-periods', permission: 'settings.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const { changed } = await changeRetentionPeriods(actor, form);
      revalidatePath('/staff/retention');
      return { message: changed ? 'Saved. The next retention run and every text that names a period use the new values.' : 'Nothing changed.' };
    }),
  { keep: (field) => field.startsWith('privacy.retentionDays.') },
);
