'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { Notice } from '../../_components/page-shell';
import { SubmitButton } from '../../_components/submit-button';
import { cancelErasureAction, confirmErasureAction } from '../actions';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

export type TErasureLinkView = { state: 'awaiting_confirmation'; coolingOffDays: number } | { state: 'cooling_off'; eraseAfterIso: string } | { state: 'gone'; message: string };

function Refusal({ message }: { message: string }) {
  return (
    <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm font-medium text-red-800">
      {message}
    </div>
  );
}

function CancelForm({ token, eraseAfterIso }: { token: string; eraseAfterIso: string }) {
  const [state, formAction] = useActionState(cancelErasureAction, INITIAL_FORM_STATE);
  if (state.ok === true) {
    return (
      <Notice tone="success">
        <p className="font-semibold">The deletion is cancelled.</p>
        <p className="mt-1">
          Your account works as before:{' '}
          <Link href="/login" className={linkClass}>
            sign in
          </Link>
          .
        </p>
      </Notice>
    );
  }
  return (
    <form action={formAction} className="space-y-5">
      {state.ok === false ? <Refusal message={state.error} /> : null}
      <input type="hidden" name="token" value={token} />
      <p className="text-ink">
        Your account is locked and will be erased on <time dateTime={eraseAfterIso}>{dateFormat.format(new Date(eraseAfterIso))} UTC</time>. Until
        then you can keep it.
      </p>
      <SubmitButton pendingLabel="Cancelling…">Cancel the deletion and keep my account</SubmitButton>
    </form>
  );
}

/**
 * Behind the mailed link: opening it only shows a button (mail scanners open links). First it
 * confirms the deletion; during the cooling-off the same link cancels it.
 */
export function ErasureLinkForms({ token, view }: { token: string; view: TErasureLinkView }) {
  const [state, formAction] = useActionState(confirmErasureAction, INITIAL_FORM_STATE);
  if (view.state === 'gone') return <Refusal message={view.message} />;
  if (state.ok === true && view.state === 'awaiting_confirmation' && view.coolingOffDays === 0) {
    return (
      <Notice tone="success">
        <p className="font-semibold">You confirmed the deletion of your account.</p>
        <p className="mt-1">It is being erased now. You will receive one last e-mail listing what was erased and what was kept.</p>
      </Notice>
    );
  }
  if (state.ok === true || view.state === 'cooling_off') {
    const eraseAfterIso = state.ok === true ? state.eraseAfter : view.state === 'cooling_off' ? view.eraseAfterIso : '';
    return (
      <div className="space-y-6">
        {state.ok === true ? (
          <Notice tone="success">
            <p className="font-semibold">You confirmed the deletion of your account.</p>
            <p className="mt-1">You have been signed out everywhere. Keep the e-mail: its link brings you back here.</p>
          </Notice>
        ) : null}
        <CancelForm token={token} eraseAfterIso={eraseAfterIso} />
      </div>
    );
  }
  const days = view.coolingOffDays;
  return (
    <form action={formAction} className="space-y-5">
      {state.ok === false ? <Refusal message={state.error} /> : null}
      <input type="hidden" name="token" value={token} />
      <p className="text-ink">
        {days > 0
          ? `Confirm that your account should be deleted. It is then locked for ${days} ${days === 1 ? 'day' : 'days'}, during which this link cancels the deletion; then your data is erased and cannot be recovered.`
          : 'Confirm that your account should be deleted. Your data is then erased at once and cannot be recovered.'}
      </p>
      <SubmitButton pendingLabel="Confirming…">Confirm: delete my account</SubmitButton>
    </form>
  );
}
