'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { changeStaffRole, ZStaffRoleChange } from '@/lib/staff/accounts/change-staff-role';
import { endStaffMemberSessions } from '@/lib/staff/accounts/end-staff-member-sessions';
import { inviteStaffMember, ZStaffInvitation } from '@/lib/staff/accounts/invite-staff-member';
import { lockStaffAccount, unlockStaffAccount } from '@/lib/staff/accounts/lock-staff-account';
import { resetStaffAuthenticator, resetStaffPin } from '@/lib/staff/accounts/reset-staff-factors';
import { ZStaffUserId } from '@/lib/staff/accounts/staff-account-rules';
import { staffRoleLabels } from '@/lib/staff/permissions';

const ZAccountForm = z.object({ userId: ZStaffUserId });

/** The list and the account's own page show the change at once. */
const refresh = (userId?: string) => {
  revalidatePath('/staff/staff-accounts');
  if (userId) revalidatePath(`/staff/staff-accounts/${userId}`);
};

export const inviteStaffAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.invite', permission: 'staff.manage' })
    .inputSchema(formInput(ZStaffInvitation))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await inviteStaffMember(actor, parsedInput);
      refresh();
      return { message: `${parsedInput.fullName} is invited as ${staffRoleLabels[parsedInput.role]}. The invitation link is valid for 24 hours.` };
    }),
  { keep: (field) => ['email', 'fullName', 'role'].includes(field) },
);

export const changeStaffRoleAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.change-role', permission: 'staff.manage' })
    .inputSchema(formInput(ZStaffRoleChange))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { role, changed } = await changeStaffRole(actor, parsedInput);
      refresh(parsedInput.userId);
      return { message: changed ? `The role is now ${staffRoleLabels[role]}.` : `The role was ${staffRoleLabels[role]} already.` };
    }),
);

export const lockStaffAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.lock', permission: 'staff.manage' })
    .inputSchema(formInput(ZAccountForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await lockStaffAccount(actor, parsedInput.userId);
      refresh(parsedInput.userId);
      return { message: 'The account is locked and all its sessions have ended.' };
    }),
);

export const unlockStaffAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.unlock', permission: 'staff.manage' })
    .inputSchema(formInput(ZAccountForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await unlockStaffAccount(actor, parsedInput.userId);
      refresh(parsedInput.userId);
      return { message: 'The account is unlocked.' };
    }),
);

export const resetStaffPinAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.reset-pin', permission: 'staff.manage' })
    .inputSchema(formInput(ZAccountForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await resetStaffPin(actor, parsedInput.userId);
      refresh(parsedInput.userId);
      return { message: 'The PIN is reset: the member chooses a new one at the next sign-in. We have told them and the security address by e-mail.' };
    }),
);

export const resetStaffAuthenticatorAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.reset-authenticator', permission: 'staff.manage' })
    .inputSchema(formInput(ZAccountForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      await resetStaffAuthenticator(actor, parsedInput.userId);
      refresh(parsedInput.userId);
      return { message: 'The authenticator and recovery codes are removed: the member sets them up again at the next sign-in. We have told them and the security address by e-mail.' };
    }),
);

export const endStaffMemberSessionsAction = formAction(
  staffActionClient
    .metadata({ name: 'staff.end-sessions', permission: 'staff.manage' })
    .inputSchema(formInput(ZAccountForm))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const ended = await endStaffMemberSessions(actor, parsedInput.userId);
      refresh(parsedInput.userId);
      return { message: ended === 0 ? 'The member had no open session.' : ended === 1 ? 'One session ended.' : `${ended} sessions ended.` };
    }),
);
