'use client';

import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { TextField } from '@/app/_components/form-fields';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { Notice } from './page-shell';
import { SubmitButton } from './submit-button';

/** After sending, the address sent to (shown again in the field); after a refusal, the address typed. */
export type TEmailLinkState = TFormState<{ email: string }>;
export type TEmailLinkAction = (state: TEmailLinkState, formData: FormData) => Promise<TEmailLinkState>;

type TEmailLinkFormProps = {
  action: TEmailLinkAction;
  /** What the page says after sending, whether or not the address has an account. */
  sentMessage: string;
  submitLabel: string;
  defaultEmail?: string;
  /** The address is already known (the sign-in form): send it without asking again, as a single button. */
  hiddenEmail?: string;
};

/** Asks for an e-mail address and has a link sent to it (activation again, password reset). */
export function EmailLinkForm({ action, sentMessage, submitLabel, defaultEmail = '', hiddenEmail }: TEmailLinkFormProps) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const email = state.ok === true ? state.email : (failure?.values.email ?? defaultEmail);
  return (
    <div>
      {state.ok === true ? (
        <div className="mb-6">
          <Notice tone="success">{sentMessage}</Notice>
        </div>
      ) : null}
      <ErrorSummary failure={failure} />
      <form action={formAction} noValidate className="space-y-5">
        {hiddenEmail !== undefined ? (
          <input type="hidden" name="email" value={hiddenEmail} />
        ) : (
          <TextField
            name="email"
            label="E-mail address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            required
            defaultValue={email}
            error={failure?.fieldErrors.email}
          />
        )}
        <SubmitButton pendingLabel="Sending…">{submitLabel}</SubmitButton>
      </form>
    </div>
  );
}
