'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { Notice } from '../../_components/page-shell';
import { SubmitButton } from '../../_components/submit-button';
import { confirmEmailChangeAction } from '../actions';

export function ConfirmEmailForm({ token, usable, invalidMessage }: { token: string; usable: boolean; invalidMessage: string }) {
  const [state, formAction] = useActionState(confirmEmailChangeAction, INITIAL_FORM_STATE);

  if (state.ok === true) {
    return (
      <Notice tone="success">
        <p className="font-semibold">Your sign-in e-mail has been changed.</p>
        <p className="mt-1">
          Every session of your account has been signed out.{' '}
          <Link href="/login" className={linkClass}>
            Sign in
          </Link>{' '}
          with your new address.
        </p>
      </Notice>
    );
  }

  const refusal = !usable ? invalidMessage : state.ok === false ? state.error : null;
  if (refusal) {
    return (
      <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
        {refusal}
      </div>
    );
  }

  return (
    <form action={formAction} className="space-y-5">
      <p className="text-neutral-700">
        Confirm to make the address this link was sent to the sign-in e-mail of your account. Every session of the account then ends, and you sign in with the new address.
      </p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Confirming…">Confirm my new e-mail</SubmitButton>
    </form>
  );
}
