'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Notice } from '@/app/(auth)/_components/page-shell';
import { SubmitButton } from '@/app/(auth)/_components/submit-button';
import { ErrorSummary } from '@/app/_components/error-summary';
import { TextField } from '@/app/_components/form-fields';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';

type TProps = {
  action: (state: TFormState, formData: FormData) => Promise<TFormState>;
  token: string;
  usable: boolean;
  invalidMessage: string;
  passwordRules: string;
};

export function InvitationForm({ action, token, usable, invalidMessage, passwordRules }: TProps) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;

  if (state.ok === true) {
    return (
      <Notice tone="success">
        <p className="font-semibold">Your password is set.</p>
        <p className="mt-1">
          <Link href="/staff/login" className={linkClass}>
            Sign in to the back office
          </Link>
          : the first time, you choose a PIN and, if your role needs one, set up an authenticator app.
        </p>
      </Notice>
    );
  }

  // The link was used up or expired, possibly while the form was open.
  if (!usable || failure?.error === invalidMessage) {
    return (
      <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
        {invalidMessage}
      </div>
    );
  }

  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <ErrorSummary failure={failure} order={['password', 'confirmPassword']} />
      <form action={formAction} noValidate className="space-y-5">
        <input type="hidden" name="token" value={token} />
        <TextField name="password" label="New password" type="password" autoComplete="new-password" required hint={passwordRules} error={errors.password} />
        <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        <SubmitButton pendingLabel="Saving…">Save my password</SubmitButton>
      </form>
    </>
  );
}
