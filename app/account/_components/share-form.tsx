'use client';

import { useActionState } from 'react';
import { fieldId } from '@/app/_components/form-fields';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import { FormFeedback, SubmitButton } from './form-feedback';

type TAction = (state: TFormState<{ message: string }>, formData: FormData) => Promise<TFormState<{ message: string }>>;

/**
 * Send a lightbox or an image by mail: addresses and an optional message. After a success the
 * fields are emptied (React resets a form after its action), so a second press does not send again.
 */
export function ShareForm({ action, hidden, submitLabel }: { action: TAction; hidden: Record<string, string>; submitLabel: string }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const values = state.ok === false ? state.values : {};
  const errors = state.ok === false ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['recipients', 'message']} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextArea
        name="recipients"
        label="Send to"
        hint="One or more e-mail addresses (up to 10), separated by commas or new lines. Each gets their own link, which you can withdraw."
        rows={2}
        maxLength={4000}
        defaultValue={values.recipients}
        error={errors.recipients}
        autoComplete="email"
      />
      <TextArea name="message" label="Message" optional rows={4} maxLength={2000} defaultValue={values.message} error={errors.message} />
      <SubmitButton pendingLabel="Sending…">{submitLabel}</SubmitButton>
    </form>
  );
}

function TextArea(props: { name: string; label: string; hint?: string; optional?: boolean; rows: number; maxLength: number; defaultValue?: string; error?: string; autoComplete?: string }) {
  const id = fieldId(props.name);
  const describedBy = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {props.label}
        {props.optional ? <span className="font-normal text-neutral-600"> (optional)</span> : null}
      </label>
      {props.hint ? (
        <div id={`${id}-hint`} className="mt-1 text-sm text-neutral-600">
          {props.hint}
        </div>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows}
        maxLength={props.maxLength}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-ink shadow-sm ${props.error ? 'border-red-700' : 'border-neutral-500'}`}
      />
      {props.error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
