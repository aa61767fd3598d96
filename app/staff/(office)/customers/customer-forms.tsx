'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { SelectField, TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;

/** Asks why the customer is opened before anything of theirs is shown. */
type TRedirectingAction = (state: TFormState<never>, formData: FormData) => Promise<TFormState<never>>;

export function PurposeForm({ action, customerId, purposes }: { action: TRedirectingAction; customerId: string; purposes: { value: string; label: string }[] }) {
  // On success the action redirects to the customer's page; only a refusal comes back here.
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      <ErrorSummary failure={failure} order={['purpose', 'otherPurpose']} />
      <input type="hidden" name="customerId" value={customerId} />
      <SelectField name="purpose" label="Purpose" placeholder="Choose a purpose" options={purposes} defaultValue={failure?.values.purpose ?? ''} error={failure?.fieldErrors.purpose} />
      <TextField name="otherPurpose" label="If other: why" optional maxLength={200} defaultValue={failure?.values.otherPurpose ?? ''} error={failure?.fieldErrors.otherPurpose} />
      <SubmitButton pendingLabel="Opening…">Open the customer</SubmitButton>
    </form>
  );
}

/** One button acting on the customer (lock, unlock, end sessions, send a reset link), with its outcome below it. */
export function CustomerActionButton({ action, customerId, label, pendingLabel, variant = 'secondary' }: { action: TMessageAction; customerId: string; label: string; pendingLabel: string; variant?: 'secondary' | 'danger' }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="text-sm">
      <input type="hidden" name="customerId" value={customerId} />
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {label}
      </SubmitButton>
      <div role="status" className="mt-1 text-neutral-700">
        {state.ok === true ? state.message : null}
      </div>
      {state.ok === false ? (
        <p role="alert" className="mt-1 font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}

/** Starts a login e-mail change: the link goes to the new address; nothing changes until it is opened. */
export function EmailChangeForm({ action, customerId }: { action: TMessageAction; customerId: string }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      <FormFeedback state={state} fieldOrder={['newEmail']} />
      <input type="hidden" name="customerId" value={customerId} />
      <TextField name="newEmail" label="New sign-in e-mail" type="email" autoComplete="off" spellCheck={false} required defaultValue={failure?.values.newEmail ?? ''} error={failure?.fieldErrors.newEmail} />
      <SubmitButton pendingLabel="Sending…">Send the confirmation link</SubmitButton>
    </form>
  );
}
