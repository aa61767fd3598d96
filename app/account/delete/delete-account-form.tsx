'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { requestErasureAction } from './actions';

/** The password again, then a mail with the link that confirms. The password is never echoed back. */
export function DeleteAccountForm({ email, label }: { email: string; label: string }) {
  const [state, formAction] = useActionState(requestErasureAction, INITIAL_FORM_STATE);
  const errors = state.ok === false ? state.fieldErrors : {};
  return (
    <div className="space-y-4">
      <FormFeedback state={state} fieldOrder={['password']} />
      <form action={formAction} noValidate aria-label="Delete my account" className="max-w-md space-y-4">
        {/* For password managers: which account this password belongs to. Not read by the server. */}
        <input type="text" name="username" autoComplete="username" defaultValue={email} readOnly hidden />
        <TextField name="password" label="Your password" type="password" autoComplete="current-password" error={errors.password} hint="So that nobody else using this browser can delete your account." />
        <SubmitButton pendingLabel="Sending the link…" variant="danger">
          {label}
        </SubmitButton>
      </form>
    </div>
  );
}
