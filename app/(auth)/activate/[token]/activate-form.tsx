'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { EmailLinkForm } from '../../_components/email-link-form';
import { Notice } from '../../_components/page-shell';
import { SubmitButton } from '../../_components/submit-button';
import { activateAction, resendActivationAction } from '../actions';
import { ACTIVATION_SENT_MESSAGE } from '../messages';

/** `invalidMessage` is the message for a link that cannot be used, shown at once when the page already knows. */
export function ActivateForm({ token, usable, invalidMessage }: { token: string; usable: boolean; invalidMessage: string }) {
  const [state, formAction] = useActionState(activateAction, INITIAL_FORM_STATE);

  if (state.ok === true) {
    return (
      <Notice tone="success">
        <p className="font-semibold">Your account is active.</p>
        <p className="mt-1">
          You can now{' '}
          <Link href="/login" className={linkClass}>
            sign in
          </Link>{' '}
          with your e-mail address and password.
        </p>
      </Notice>
    );
  }

  if (!usable || state.ok === false) {
    return (
      <div className="space-y-6">
        <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
          {state.ok === false ? state.error : invalidMessage}
        </div>
        <section aria-labelledby="resend-heading">
          <h2 id="resend-heading" className="mb-3 text-lg font-semibold">
            Send the activation link again
          </h2>
          <EmailLinkForm action={resendActivationAction} sentMessage={ACTIVATION_SENT_MESSAGE} submitLabel="Send the activation link again" />
        </section>
      </div>
    );
  }

  return (
    <form action={formAction} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <p className="text-ink">Press the button to confirm your e-mail address and activate your account.</p>
      <SubmitButton pendingLabel="Activating…">Activate my account</SubmitButton>
    </form>
  );
}
