'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { addStaffAllowlistEntry, removeStaffAllowlistEntry } from '@/lib/security/manage-staff-allowlist';
import { changeSettings } from '@/lib/settings/change-settings';
import { SECURITY_POLICY_KEYS } from '@/lib/settings/page-settings';
import { settingsFromForm } from '@/lib/settings/settings-from-form';

const PAGE = '/staff/security-policy';

/** Saves one group of the security policy; audited, and the security address is told. */
export const saveSecurityPolicyAction = formAction(
  staffActionClient
    .metadata({ name: 'security.save-policy', permission: 'security.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { changed } = await changeSettings(actor, settingsFromForm(parsedInput, SECURITY_POLICY_KEYS));
      revalidatePath(PAGE);
      return { message: changed.length === 0 ? 'Nothing changed.' : 'Saved. The change applies from the next request on.' };
    }),
  { keep: () => true },
);

export const addAllowlistEntryAction = formAction(
  staffActionClient
    .metadata({ name: 'security.add-allowlist-entry', permission: 'security.manage' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const entry = await addStaffAllowlistEntry(actor, parsedInput);
      revalidatePath(PAGE);
      return { message: `${entry.network} is on the allowlist.` };
    }),
  { keep: () => true },
);

export const removeAllowlistEntryAction = formAction(
  staffActionClient
    .metadata({ name: 'security.remove-allowlist-entry', permission: 'security.manage' })
    .inputSchema(formInput(z.object({ entryId: z.uuid() })))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await removeStaffAllowlistEntry(actor, parsedInput.entryId);
      revalidatePath(PAGE);
      return { message: 'The entry is removed.' };
    }),
);
