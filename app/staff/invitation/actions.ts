'use server';

import { headers } from 'next/headers';
import { publicActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput, ZSubmittedForm } from '@/lib/actions/form-input';
import { clientInfoFrom } from '@/lib/http/client-info';
import { acceptStaffInvitation } from '@/lib/staff/accounts/accept-staff-invitation';

/** Sets the invited staff member's password through the link (public: the link is the proof). acceptStaffInvitation parses the passwords. */
export const acceptStaffInvitationAction = formAction(
  publicActionClient
    .metadata({ name: 'staff.accept-invitation' })
    .inputSchema(formInput(ZSubmittedForm))
    .action(async ({ parsedInput: { token = '', ...form } }) => {
      await acceptStaffInvitation(token, form, clientInfoFrom(await headers()));
      return {};
    }),
);
