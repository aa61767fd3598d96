'use server';

import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { changeInactiveAccounts } from '@/lib/privacy/change-inactive-accounts';
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

/** Saves the inactive-accounts rule (off when the months field is empty); the use case checks the bounds and audits. */
export const saveInactiveAccountsAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.save-inactive-accounts', permission: 'settings.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: form, ctx: { actor } }) => {
      const { changed } = await changeInactiveAccounts(actor, form);
      revalidatePath('/staff/retention');
      return { message: changed ? 'Saved. The daily job and the privacy policy follow the new rule.' : 'Nothing changed.' };
    }),
  { keep: (field) => field.startsWith('privacy.inactiveAccounts.') },
);
