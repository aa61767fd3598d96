'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { changePasswordAction } from './actions';

/** The form is emptied after every attempt (React resets it): passwords are never echoed back. */
export function PasswordForm({ email, rules }: { email: string; rules: string[] }) {
  const [state, formAction] = useActionState(changePasswordAction, INITIAL_FORM_STATE);
  const errors = state.ok === false ? state.fieldErrors : {};
  return (
    <form action={formAction} noValidate className="max-w-xl space-y-6">
      <FormFeedback state={state} fieldOrder={['currentPassword', 'password', 'confirmPassword']} />
      {/* For password managers: which account this password belongs to. Not read by the server. */}
      <input type="text" name="username" autoComplete="username" defaultValue={email} readOnly hidden />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={
          <ul className="list-disc space-y-0.5 pl-5">
            {rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        }
      />
      <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <div className="border-t border-neutral-200 pt-6">
        <SubmitButton pendingLabel="Changing password…">Change password</SubmitButton>
      </div>
    </form>
  );
}
