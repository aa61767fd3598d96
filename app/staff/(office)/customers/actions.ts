'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { formAction } from '@/lib/actions/form-action';
import { formInput } from '@/lib/actions/form-input';
import { ZCustomerPurpose } from '@/lib/customers/customer-purposes';
import { endCustomerSessions } from '@/lib/customers/end-customer-sessions';
import { lockCustomer, unlockCustomer } from '@/lib/customers/lock-customer';
import { assertCustomerExists } from '@/lib/customers/open-customer';
import { encodePurposeGrant, purposeGrantCookie } from '@/lib/customers/purpose-grant';
import { requestCustomerEmailChange } from '@/lib/customers/request-email-change';
import { sendCustomerPasswordReset } from '@/lib/customers/send-customer-password-reset';
import { setAccountRestriction } from '@/lib/privacy/requests/restrict-account';

const ZCustomerForm = z.object({ customerId: z.uuid('We could not find that customer.') });

/**
 * Records why the staff member opens this customer, in a signed cookie sent only to this
 * customer's page, then shows the page (which audits the opening with the purpose).
 */
export const choosePurposeAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.choose-purpose', permission: 'customers.read' })
    .inputSchema(formInput(ZCustomerForm.extend({ purpose: z.string().max(100).default(''), otherPurpose: z.string().max(1000).default('') })))
    .action(async ({ parsedInput: { customerId, ...form }, ctx: { actor } }) => {
      // Parsed here, not by the input schema: its refusal then names the purpose fields, as the form shows them.
      const purpose = ZCustomerPurpose.parse(form);
      await assertCustomerExists(actor, customerId);
      const cookie = purposeGrantCookie(customerId);
      (await cookies()).set(cookie.name, encodePurposeGrant(actor, customerId, purpose), cookie.options);
      redirect(`/staff/customers/${customerId}`);
    }),
  { keep: (field) => field === 'purpose' || field === 'otherPurpose' },
);

const refresh = (customerId: string) => revalidatePath(`/staff/customers/${customerId}`);

export const lockCustomerAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.lock', permission: 'customers.manage' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      const { endedSessions } = await lockCustomer(actor, customerId);
      refresh(customerId);
      return { message: `The customer is locked${endedSessions > 0 ? ` and signed out of ${endedSessions === 1 ? 'one session' : `${endedSessions} sessions`}` : ''}.` };
    }),
);

export const unlockCustomerAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.unlock', permission: 'customers.manage' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      const { status } = await unlockCustomer(actor, customerId);
      refresh(customerId);
      return { message: status === 'active' ? 'The customer is unlocked and can sign in again.' : 'The customer is unlocked; the account still needs activating.' };
    }),
);

export const endCustomerSessionsAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.end-sessions', permission: 'customers.manage' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      const ended = await endCustomerSessions(actor, customerId);
      refresh(customerId);
      return { message: ended === 0 ? 'The customer had no open session.' : ended === 1 ? 'One session ended.' : `${ended} sessions ended.` };
    }),
);

export const sendPasswordResetAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.send-password-reset', permission: 'customers.manage' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      await sendCustomerPasswordReset(actor, customerId);
      return { message: 'A password-reset link is on its way to the customer (valid for 1 hour).' };
    }),
);

export const requestEmailChangeAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.request-email-change', permission: 'customers.manage' })
    .inputSchema(formInput(ZCustomerForm.extend({ newEmail: z.string().max(1000).default('') })))
    .action(async ({ parsedInput: { customerId, newEmail }, ctx: { actor } }) => {
      const requested = await requestCustomerEmailChange(actor, customerId, { newEmail });
      refresh(customerId);
      return { message: `A confirmation link went to ${requested.newEmail}, and the current address was told. The change takes effect when the link is opened.` };
    }),
  { keep: (field) => field === 'newEmail' },
);

/** Restriction of processing (art. 18) is the privacy desk's: privacy.requests, not customers.manage. */
export const restrictCustomerAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.restrict', permission: 'privacy.requests' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      await setAccountRestriction(actor, { customerId }, true);
      refresh(customerId);
      return { message: 'Processing of the account is restricted and the customer was told.' };
    }),
);

export const liftCustomerRestrictionAction = formAction(
  staffActionClient
    .metadata({ name: 'customers.lift-restriction', permission: 'privacy.requests' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      await setAccountRestriction(actor, { customerId }, false);
      refresh(customerId);
      return { message: 'The restriction is lifted and the customer was told.' };
    }),
);
