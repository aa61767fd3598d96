'use client';

import { useActionState } from 'react';
import type { TActionResult } from '@/lib/errors';
import { ErrorSummary } from '@/app/_components/error-summary';
import { TextField } from '@/app/_components/form-fields';
import { Notice } from './page-shell';
import { SubmitButton } from './submit-button';

export type TEmailLinkState = (TActionResult & { email?: string }) | null;
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
  const [state, formAction] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  return (
    <div>
      {state?.ok ? (
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
            defaultValue={state?.email ?? defaultEmail}
            error={failure?.fieldErrors.email}
          />
        )}
        <SubmitButton pendingLabel="Sending…">{submitLabel}</SubmitButton>
      </form>
    </div>
  );
}
