'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { RadioGroup, SelectField, TextAreaField, TextField, radioId } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
type TMessageAction = (state: TMessageState, formData: FormData) => Promise<TMessageState>;
type TRedirectingAction = (state: TFormState<never>, formData: FormData) => Promise<TFormState<never>>;

const NEW_FIELDS = ['kind', 'subject', 'accountEmail', 'contactName', 'contactEmail', 'receivedOn', 'details'];

/** A request that arrived by mail: what, about whom, when. On success the action opens the new request. */
export function NewRequestForm({ action, kinds, today }: { action: TRedirectingAction; kinds: Array<{ value: string; label: string }>; today: string }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const [subject, setSubject] = useState(failure?.values.subject ?? 'account');
  return (
    <form action={formAction} noValidate className="max-w-2xl space-y-5">
      <ErrorSummary failure={failure} order={NEW_FIELDS} targets={{ subject: radioId('subject', 'account') }} />
      <SelectField name="kind" label="What the person asks for" placeholder="Choose the right" options={kinds} defaultValue={failure?.values.kind ?? ''} error={failure?.fieldErrors.kind} />
      <div onChange={(event) => setSubject((event.target as HTMLInputElement).value)}>
        <RadioGroup
          name="subject"
          legend="Who asks"
          required
          defaultValue={subject}
          error={failure?.fieldErrors.subject}
          options={[
            { value: 'account', label: 'A customer with an account' },
            { value: 'person', label: 'A person without an account' },
          ]}
        />
      </div>
      {subject === 'account' ? (
        <TextField
          name="accountEmail"
          label="Sign-in e-mail of the account"
          type="email"
          autoComplete="off"
          spellCheck={false}
          hint="The identity link goes to this address: whoever opens it controls the account's mailbox."
          defaultValue={failure?.values.accountEmail ?? ''}
          error={failure?.fieldErrors.accountEmail}
        />
      ) : (
        <>
          <TextField name="contactName" label="Name the person signed with" autoComplete="off" defaultValue={failure?.values.contactName ?? ''} error={failure?.fieldErrors.contactName} maxLength={200} />
          <TextField
            name="contactEmail"
            label="E-mail address the person wrote from"
            type="email"
            autoComplete="off"
            spellCheck={false}
            hint="The identity link and every answer go to this address."
            defaultValue={failure?.values.contactEmail ?? ''}
            error={failure?.fieldErrors.contactEmail}
          />
        </>
      )}
      <TextField
        name="receivedOn"
        label="Received on"
        type="date"
        optional
        hint={`Leave empty for today. A request that arrived earlier counts from the day it arrived (not later than today, ${today}).`}
        defaultValue={failure?.values.receivedOn ?? ''}
        error={failure?.fieldErrors.receivedOn}
        className="max-w-xs"
      />
      <TextAreaField name="details" label="What the person wrote" optional maxLength={4000} rows={5} defaultValue={failure?.values.details ?? ''} error={failure?.fieldErrors.details} />
      <SubmitButton pendingLabel="Recording…">Record the request and mail the identity link</SubmitButton>
    </form>
  );
}

/** One button acting on a request or an account (resend the link, make a copy, restrict), with its outcome below it. */
export function DeskActionButton({ action, hidden, label, pendingLabel, variant = 'secondary' }: { action: TMessageAction; hidden: Record<string, string>; label: string; pendingLabel: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} className="text-sm">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
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

export function ExtendForm({ action, requestId }: { action: TMessageAction; requestId: string }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      <FormFeedback state={state} fieldOrder={['months', 'reason']} />
      <input type="hidden" name="requestId" value={requestId} />
      <RadioGroup
        name="months"
        legend="Extend by"
        inline
        required
        defaultValue={failure?.values.months ?? ''}
        error={failure?.fieldErrors.months}
        options={[
          { value: '1', label: 'One month' },
          { value: '2', label: 'Two months' },
        ]}
      />
      <TextAreaField name="reason" label="Reason (mailed to the person)" maxLength={2000} rows={3} defaultValue={failure?.values.reason ?? ''} error={failure?.fieldErrors.reason} />
      <SubmitButton pendingLabel="Extending…">Extend and mail the reason</SubmitButton>
    </form>
  );
}

export function CloseForm({ action, requestId, canComplete }: { action: TMessageAction; requestId: string; canComplete: boolean }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  const results = [
    ...(canComplete ? [{ value: 'completed', label: 'Completed: we did what was asked' }] : []),
    { value: 'refused', label: 'Refused: we cannot or may not do it' },
  ];
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-4">
      <FormFeedback state={state} fieldOrder={['result', 'outcome']} />
      <input type="hidden" name="requestId" value={requestId} />
      <RadioGroup name="result" legend="Result" required defaultValue={failure?.values.result ?? ''} error={failure?.fieldErrors.result} options={results} />
      <TextAreaField
        name="outcome"
        label="What was done, or why it is refused (mailed to the person)"
        hint="A refusal mail also tells the person they may complain to a data protection authority."
        maxLength={4000}
        rows={4}
        defaultValue={failure?.values.outcome ?? ''}
        error={failure?.fieldErrors.outcome}
      />
      <SubmitButton pendingLabel="Closing…">Close and mail the person</SubmitButton>
    </form>
  );
}

/**
 * "Erase now" (or "Retry erasure") with a confirmation step: the first button only asks; the
 * erasure runs from the second, which names the person. The outcome, or the error of a failed
 * attempt, is announced below.
 */
export function EraseNowForm({ action, requestId, personName, retry }: { action: TMessageAction; requestId: string; personName: string; retry: boolean }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  const label = retry ? 'Retry erasure' : 'Erase now';
  return (
    <div className="space-y-3 text-sm">
      {confirming ? (
        <form action={formAction} aria-labelledby="erase-confirm-question" className="max-w-xl space-y-3 rounded-md border-2 border-red-700 p-4">
          <input type="hidden" name="requestId" value={requestId} />
          <p id="erase-confirm-question" ref={question} tabIndex={-1} className="font-semibold focus:outline-none">
            Erase the account of {personName} now? This cannot be undone.
          </p>
          <p>The receipt listed above is mailed to the person, then their details are erased as shown; invoices are kept.</p>
          <div className="flex flex-wrap gap-3">
            <SubmitButton pendingLabel="Erasing…" variant="danger">
              Yes, erase the account
            </SubmitButton>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="inline-flex min-h-11 items-center justify-center rounded-md border border-neutral-500 bg-white px-4 py-2 text-sm font-semibold text-ink shadow-sm hover:bg-neutral-50"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="inline-flex min-h-11 items-center justify-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800"
        >
          {label}
        </button>
      )}
      <div role="status">{state.ok === true ? state.message : null}</div>
      {state.ok === false ? (
        <p role="alert" className="font-medium text-red-700">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
