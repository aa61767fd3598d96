'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { TextField } from '@/app/_components/form-fields';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { EmailLinkForm } from '../../_components/email-link-form';
import { Notice } from '../../_components/page-shell';
import { SubmitButton } from '../../_components/submit-button';
import { requestResetAction, resetPasswordAction } from '../actions';
import { RESET_SENT_MESSAGE } from '../messages';

type TResetPasswordFormProps = { token: string; usable: boolean; invalidMessage: string; passwordRules: string };

export function ResetPasswordForm({ token, usable, invalidMessage, passwordRules }: TResetPasswordFormProps) {
  const [state, formAction] = useActionState(resetPasswordAction, INITIAL_FORM_STATE);
  const failure = state.ok === false ? state : null;

  if (state.ok === true) {
    return (
      <Notice tone="success">
        <p className="font-semibold">Your password has been changed.</p>
        <p className="mt-1">
          For your safety every session of your account has been signed out.{' '}
          <Link href="/login" className={linkClass}>
            Sign in
          </Link>{' '}
          with your new password.
        </p>
      </Notice>
    );
  }

  // The link was used up or expired while the form was open: the page's own message, and the form to ask again.
  if (!usable || failure?.error === invalidMessage) {
    return (
      <div className="space-y-6">
        <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
          {invalidMessage}
        </div>
        <section aria-labelledby="request-heading">
          <h2 id="request-heading" className="mb-3 text-lg font-semibold">
            Ask for a new link
          </h2>
          <EmailLinkForm action={requestResetAction} sentMessage={RESET_SENT_MESSAGE} submitLabel="Send the reset link" />
        </section>
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
        <SubmitButton pendingLabel="Saving…">Save new password</SubmitButton>
      </form>
    </>
  );
}
