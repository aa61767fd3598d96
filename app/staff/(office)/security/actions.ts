'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { signOut } from '@/lib/auth/session-cookie-store';
import { changeOwnPin, ZOwnPinChange } from '@/lib/staff/self/change-own-pin';
import { regenerateOwnRecoveryCodes, ZRecoveryCodesConfirmation } from '@/lib/staff/self/regenerate-own-recovery-codes';
import { resetOwnAuthenticator, ZAuthenticatorResetConfirmation } from '@/lib/staff/self/reset-own-authenticator';

export const changeOwnPinAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.change-own-pin', permission: 'backoffice.enter' })
    .inputSchema(formInput(ZOwnPinChange))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await changeOwnPin(actor, parsedInput);
      revalidatePath('/staff/security');
      return { message: 'Your PIN is changed. Use the new PIN from your next sign-in on. We have sent you an e-mail about the change.' };
    }),
);

/** The new codes go back to the form once, to be shown there; they are never stored in clear. */
export const regenerateRecoveryCodesAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.regenerate-recovery-codes', permission: 'backoffice.enter' })
    .inputSchema(formInput(ZRecoveryCodesConfirmation))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const codes = await regenerateOwnRecoveryCodes(actor, parsedInput);
      revalidatePath('/staff/security');
      return { message: 'Here are your 10 new recovery codes. Your earlier codes no longer work.', codes };
    }),
);

/** Every session ends with the authenticator, this one too: off to the sign-in, where the new app is set up. */
export const resetOwnAuthenticatorAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.reset-own-authenticator', permission: 'backoffice.enter' })
    .inputSchema(formInput(ZAuthenticatorResetConfirmation))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await resetOwnAuthenticator(actor, parsedInput);
      await signOut();
      redirect('/staff/login?reason=authenticator-reset');
    }),
);
