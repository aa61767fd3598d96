'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { requestBundleAction } from './actions';

export type TBundleView =
  | { status: 'none' }
  | { status: 'pending' }
  | { status: 'failed' }
  | { status: 'ready'; href: string; size: string; expiresAt: string; expiresAtIso: string };

/** "Download all as ZIP" for one order, with the state of the ZIP asked for last. */
export function BundlePanel({ orderId, orderNumber, fileCount, bundle }: { orderId: string; orderNumber: number; fileCount: number; bundle: TBundleView }) {
  const [state, formAction] = useActionState(requestBundleAction, INITIAL_FORM_STATE);
  const form = (label: string) => (
    <form action={formAction} aria-label={`All ${fileCount} files of order ${orderNumber} as one ZIP`} className="space-y-2">
      <input type="hidden" name="orderId" value={orderId} />
      <SubmitButton variant="secondary" pendingLabel="Asking…">
        {label}
      </SubmitButton>
    </form>
  );
  return (
    <div className="mt-3 space-y-3 rounded-lg border border-neutral-200 bg-neutral-50 p-4 text-sm text-neutral-800">
      <FormFeedback state={state} />
      {bundle.status === 'none' ? (
        <>
          <p>Get all {fileCount} files of this order in one ZIP. We prepare it in the background and e-mail you a link.</p>
          {form('Download all as ZIP')}
        </>
      ) : bundle.status === 'pending' ? (
        <p>
          <span className="font-semibold">Preparing your ZIP.</span> We e-mail you when it is ready; if it cannot be prepared, this page
          says so. Reload the page to see its state.
        </p>
      ) : bundle.status === 'failed' ? (
        <>
          <p>
            <span className="font-semibold">We could not prepare the ZIP.</span> Please try again; the files can also be downloaded one
            by one below.
          </p>
          {form('Try again')}
        </>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p>
            <span className="font-semibold">Your ZIP is ready</span> ({bundle.size}). It can be downloaded while you are signed in, until{' '}
            <time dateTime={bundle.expiresAtIso}>{bundle.expiresAt}</time>.
          </p>
          <a
            href={bundle.href}
            download
            className="inline-flex min-h-10 shrink-0 items-center justify-center rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
          >
            Download ZIP<span className="sr-only"> of order {orderNumber}</span>
          </a>
        </div>
      )}
    </div>
  );
}
