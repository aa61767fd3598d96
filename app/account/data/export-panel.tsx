'use client';

import { useActionState } from 'react';
import { TextField } from '@/app/_components/form-fields';
import { INITIAL_FORM_STATE } from '@/lib/actions/form-state';
import { FormFeedback, SubmitButton } from '../_components/form-feedback';
import { requestDataExportAction } from './actions';

export type TDataExportView =
  | { status: 'none' }
  | { status: 'pending' }
  | { status: 'failed' }
  | { status: 'ready'; href: string; size: string; expiresAt: string; expiresAtIso: string };

/** "Download my data": the password again, then the state of the copy asked for last. The password is never echoed back. */
export function ExportPanel({ email, latest, keptDays }: { email: string; latest: TDataExportView; keptDays: number }) {
  const [state, formAction] = useActionState(requestDataExportAction, INITIAL_FORM_STATE);
  const errors = state.ok === false ? state.fieldErrors : {};
  const form = (label: string) => (
    <form action={formAction} noValidate aria-label="Ask for a copy of your data" className="max-w-md space-y-4">
      {/* For password managers: which account this password belongs to. Not read by the server. */}
      <input type="text" name="username" autoComplete="username" defaultValue={email} readOnly hidden />
      <TextField name="password" label="Your password" type="password" autoComplete="current-password" error={errors.password} hint="To keep your data safe if someone else uses this browser." />
      <SubmitButton pendingLabel="Asking…">{label}</SubmitButton>
    </form>
  );
  return (
    <div className="space-y-4 rounded-lg border border-neutral-200 bg-neutral-50 p-5 text-sm text-neutral-800">
      <FormFeedback state={state} fieldOrder={['password']} />
      {latest.status === 'none' ? (
        form('Download my data')
      ) : latest.status === 'pending' ? (
        <p>
          <span className="font-semibold">Preparing your copy.</span> We e-mail you when it is ready; if it cannot be prepared, this page
          says so. Reload the page to see its state.
        </p>
      ) : latest.status === 'failed' ? (
        <>
          <p>
            <span className="font-semibold">We could not prepare your copy.</span> Please try again.
          </p>
          {form('Try again')}
        </>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p>
            <span className="font-semibold">Your copy is ready</span> ({latest.size}). It can be downloaded while you are signed in, until{' '}
            <time dateTime={latest.expiresAtIso}>{latest.expiresAt}</time>; then it is deleted.
          </p>
          <a
            href={latest.href}
            download
            className="inline-flex min-h-10 shrink-0 items-center justify-center rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
          >
            Download ZIP<span className="sr-only"> of your data</span>
          </a>
        </div>
      )}
      <p className="text-neutral-700">
        Each copy is kept encrypted for {keptDays === 1 ? '1 day' : `${keptDays} days`} after it is ready, then deleted.
      </p>
    </div>
  );
}
