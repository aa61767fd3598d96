'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffActionClient } from '@/lib/actions/action-client';
import { AppError } from '@/lib/errors';
import { formAction } from '@/lib/actions/form-action';
import { checkedForm, formInput } from '@/lib/actions/form-input';
import { closePrivacyRequest, ZClosing } from '@/lib/privacy/requests/close-privacy-request';
import { createPrivacyRequest, ZNewPrivacyRequest } from '@/lib/privacy/requests/create-privacy-request';
import { eraseFromDesk } from '@/lib/privacy/requests/erase-from-desk';
import { extendPrivacyRequest, ZExtension } from '@/lib/privacy/requests/extend-privacy-request';
import { resendIdentityLink } from '@/lib/privacy/requests/identity-link';
import { confirmParentalConsent } from '@/lib/privacy/requests/parental-confirmation';
import { setAccountRestriction } from '@/lib/privacy/requests/restrict-account';
import { queueSubjectExport } from '@/lib/privacy/requests/staff-subject-export';

const ZRequestForm = z.object({ requestId: z.uuid('We could not find that request.') });
const ZCustomerForm = z.object({ customerId: z.uuid('We could not find that customer.') });

const refresh = (requestId: string) => {
  revalidatePath(`/staff/privacy-requests/${requestId}`);
  revalidatePath('/staff/privacy-requests');
};

/** A request that arrived by mail; on success the new request's page opens. */
export const createPrivacyRequestAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.create-request', permission: 'privacy.requests' })
    .inputSchema(checkedForm(ZNewPrivacyRequest))
    .action(async ({ parsedInput, ctx: { actor } }) => {
      const { requestId } = await createPrivacyRequest(actor, parsedInput);
      revalidatePath('/staff/privacy-requests');
      redirect(`/staff/privacy-requests/${requestId}`);
    }),
  { keep: (field) => ['kind', 'subject', 'accountEmail', 'contactName', 'contactEmail', 'details', 'receivedOn'].includes(field) },
);

export const resendIdentityLinkAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.resend-identity-link', permission: 'privacy.requests' })
    .inputSchema(formInput(ZRequestForm))
    .action(async ({ parsedInput: { requestId }, ctx: { actor } }) => {
      await resendIdentityLink(actor, requestId);
      refresh(requestId);
      return { message: 'A new link is on its way; the earlier one no longer works.' };
    }),
);

export const extendPrivacyRequestAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.extend-request', permission: 'privacy.requests' })
    .inputSchema(checkedForm(ZExtension.extend(ZRequestForm.shape)))
    .action(async ({ parsedInput: { requestId, ...form }, ctx: { actor } }) => {
      await extendPrivacyRequest(actor, requestId, form);
      refresh(String(requestId));
      return { message: 'The deadline is extended and the person was mailed the reason.' };
    }),
  { keep: (field) => field === 'months' || field === 'reason' },
);

export const closePrivacyRequestAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.close-request', permission: 'privacy.requests' })
    .inputSchema(checkedForm(ZClosing.extend(ZRequestForm.shape)))
    .action(async ({ parsedInput: { requestId, ...form }, ctx: { actor } }) => {
      const { state } = await closePrivacyRequest(actor, requestId, form);
      refresh(String(requestId));
      return { message: state === 'completed' ? 'The request is completed and the person was told.' : 'The request is refused and the person was told why.' };
    }),
  { keep: (field) => field === 'result' || field === 'outcome' },
);

export const queueSubjectExportAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.queue-subject-export', permission: 'privacy.requests' })
    .inputSchema(formInput(ZRequestForm))
    .action(async ({ parsedInput: { requestId }, ctx: { actor } }) => {
      await queueSubjectExport(actor, requestId);
      refresh(requestId);
      return { message: 'The copy is being made; reload this page in a minute to download it.' };
    }),
);

export const restrictFromRequestAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.restrict-account', permission: 'privacy.requests' })
    .inputSchema(formInput(ZRequestForm))
    .action(async ({ parsedInput: { requestId }, ctx: { actor } }) => {
      await setAccountRestriction(actor, { requestId }, true);
      refresh(requestId);
      return { message: 'The account is restricted and the person was told.' };
    }),
);

export const liftFromRequestAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.lift-restriction', permission: 'privacy.requests' })
    .inputSchema(formInput(ZRequestForm))
    .action(async ({ parsedInput: { requestId }, ctx: { actor } }) => {
      await setAccountRestriction(actor, { requestId }, false);
      refresh(requestId);
      return { message: 'The restriction is lifted and the person was told.' };
    }),
);

export const confirmParentalConsentAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.confirm-parental-consent', permission: 'privacy.requests' })
    .inputSchema(formInput(ZCustomerForm))
    .action(async ({ parsedInput: { customerId }, ctx: { actor } }) => {
      await confirmParentalConsent(actor, customerId);
      revalidatePath('/staff/privacy-requests');
      return { message: "The parent's confirmation is recorded; the account can sign in." };
    }),
);

/**
 * "Erase now" and "Retry erasure" on an erasure request about an account: runs the erasure in this
 * request (lib/privacy/requests/erase-from-desk.ts says why) and answers with its outcome; a
 * failure changed nothing and is also shown on the request page, with the retry.
 */
export const eraseFromDeskAction = formAction(
  staffActionClient
    .metadata({ name: 'privacy.erase-request', permission: 'privacy.requests' })
    .inputSchema(formInput(ZRequestForm))
    .action(async ({ parsedInput: { requestId }, ctx: { actor } }) => {
      const result = await eraseFromDesk(actor, requestId);
      refresh(requestId);
      if (result.outcome === 'failed') throw new AppError('CONFLICT', `The erasure failed and nothing was changed. ${result.error}`);
      return { message: 'The account is erased and the request completed; the receipt is on its way to the person.' };
    }),
);
