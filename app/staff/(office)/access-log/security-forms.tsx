'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;

/** Puts an address or range on the deny list. */
export function BlockAddressForm({ action }: { action: TMessageAction }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['network', 'until', 'reason']} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="network" label="Address or range" hint="e.g. 203.0.113.7 or 2001:db8::/48" spellCheck={false} required defaultValue={failure?.values.network ?? ''} error={failure?.fieldErrors.network} />
        <div>
          <label htmlFor="field-until" className="block text-sm font-medium text-ink">
            Blocked until <span className="font-normal text-neutral-600">(UTC; empty: for good)</span>
          </label>
          <input
            id="field-until"
            name="until"
            type="datetime-local"
            aria-invalid={failure?.fieldErrors.until ? true : undefined}
            aria-describedby={failure?.fieldErrors.until ? 'field-until-error' : undefined}
            className="mt-1 block w-full rounded-md border border-neutral-500 bg-white px-3 py-2 text-base text-ink shadow-sm"
          />
          {failure?.fieldErrors.until ? (
            <p id="field-until-error" className="mt-1 text-sm font-medium text-red-700">
              {failure.fieldErrors.until}
            </p>
          ) : null}
        </div>
        <TextField name="reason" label="Reason" optional defaultValue={failure?.values.reason ?? ''} error={failure?.fieldErrors.reason} />
      </div>
      <SubmitButton pendingLabel="Blocking…" variant="danger">
        Block
      </SubmitButton>
    </form>
  );
}

/** One button with a hidden id: lift a block, end an account's sessions. */
export function RowActionButton({ action, name, value, label, describedBy }: { action: TMessageAction; name: string; value: string; label: string; describedBy: string }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="text-sm">
      <input type="hidden" name={name} value={value} />
      <button type="submit" aria-describedby={describedBy} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
        {label}
      </button>
      <p role="status" className="mt-1 text-neutral-700">
        {state.ok === true ? state.message : null}
      </p>
      {state.ok === false ? (
        <p role="alert" className="mt-1 font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
