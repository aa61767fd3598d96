'use client';

import { useActionState } from 'react';
import { Notice } from '@/app/(auth)/_components/page-shell';
import { SubmitButton } from '@/app/(auth)/_components/submit-button';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { verifyIdentityAction } from '../actions';

export function VerifyRequestForm({ token, usable, invalidMessage }: { token: string; usable: boolean; invalidMessage: string }) {
  const [state, formAction] = useActionState(verifyIdentityAction, INITIAL_FORM_STATE);

  if (state.ok === true) {
    return (
      <Notice tone="success">
        <p className="font-semibold">Thank you: your request is confirmed.</p>
        <p className="mt-1">We now handle it and answer you by e-mail, within one month of the day we received it.</p>
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
        You, or someone using your e-mail address, asked us by mail to exercise a data-protection right. Confirm that the request is yours, and we will handle it. If you did not make it, close this page: nothing will be done.
      </p>
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Confirming…">Confirm my request</SubmitButton>
    </form>
  );
}
