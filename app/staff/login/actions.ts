'use server';

import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { submitStaffSignInStep, ZStaffSignInForm } from '@/lib/staff/sign-in/staff-sign-in-step';

/** Every step of the staff sign-in goes through this one action; the last one redirects into the back office. */
export const staffSignInAction = formAction(
  publicActionClient
    .metadata({ name: 'staff.sign-in' })
    .inputSchema(formInput(ZStaffSignInForm))
    .action(async ({ parsedInput }) => submitStaffSignInStep(parsedInput)),
  { keep: (field) => field === 'email' },
);
