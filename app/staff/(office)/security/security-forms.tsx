'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '@/app/account/_components/form-feedback';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TMessageState = TFormState<{ message: string }>;
type TCodesState = TFormState<{ message: string; codes: string[] }>;

const passwordField = (name: string, error: string | undefined) => (
  <TextField name={name} label="Your current password" type="password" autoComplete="current-password" required error={error} className="max-w-sm" />
);

/** New PIN: the password, then the PIN twice. */
export function ChangePinForm({ action }: { action: (state: TMessageState, formData: FormData) => Promise<TMessageState> }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const errors = state.ok === false ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['currentPassword', 'pin', 'confirmPin']} />
      {passwordField('currentPassword', errors.currentPassword)}
      <TextField name="pin" label="New PIN" type="password" inputMode="numeric" autoComplete="off" hint="6 to 8 digits." required error={errors.pin} className="max-w-sm" />
      <TextField name="confirmPin" label="The same PIN again" type="password" inputMode="numeric" autoComplete="off" required error={errors.confirmPin} className="max-w-sm" />
      <SubmitButton pendingLabel="Saving…">Change PIN</SubmitButton>
    </form>
  );
}

/** New recovery codes, shown here once. */
export function RecoveryCodesForm({ action }: { action: (state: TCodesState, formData: FormData) => Promise<TCodesState> }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={failure ?? (state.ok === true ? { ok: true, message: state.message } : state)} fieldOrder={['passwordForCodes']} />
      {state.ok === true ? (
        <div className="rounded-md border border-neutral-300 p-4 text-sm">
          <p>
            Each code works once. Save them somewhere safe now: they are <strong>not shown again</strong>.
          </p>
          <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-2 font-mono text-base text-ink">
            {state.codes.map((code) => (
              <li key={code} className="rounded bg-neutral-100 px-2 py-1">
                {code}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {passwordField('passwordForCodes', failure?.fieldErrors.passwordForCodes)}
      <SubmitButton pendingLabel="Making new codes…" variant="secondary">
        Make new recovery codes
      </SubmitButton>
    </form>
  );
}

/** Removes the authenticator; on success the action signs out and goes to the sign-in (so it never answers success). */
export function ResetAuthenticatorForm({ action }: { action: (state: TFormState<never>, formData: FormData) => Promise<TFormState<never>> }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormFeedback state={state} fieldOrder={['passwordForReset']} />
      {passwordField('passwordForReset', failure?.fieldErrors.passwordForReset)}
      <SubmitButton pendingLabel="Removing…" variant="danger">
        Remove my authenticator and sign out
      </SubmitButton>
    </form>
  );
}
