'use client';

import { useActionState, useState } from 'react';
import { ErrorSummary } from '@/app/_components/error-summary';
import { TextField } from '@/app/_components/form-fields';
import { linkClass } from '@/app/_components/link-class';
import { INITIAL_FORM_STATE, type TFormState } from '@/lib/actions/form-state';
import type { TStaffSignInView } from '@/lib/staff/sign-in/describe-pending-sign-in';
import { SubmitButton } from '@/app/(auth)/_components/submit-button';
import { Notice } from '@/app/(auth)/_components/page-shell';

type TState = TFormState<{ next: string }>;

/**
 * The staff sign-in, one step at a time, through one action: the page tells which step is due, so
 * a refusal that starts over still shows its message above the first form.
 */
export function StaffSignInForm({ view, action }: { view: TStaffSignInView; action: (state: TState, formData: FormData) => Promise<TState> }) {
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const [useRecovery, setUseRecovery] = useState(false);
  const failure = state.ok === false ? state : null;
  const email = failure?.values.email ?? '';
  return (
    <div>
      <ErrorSummary failure={failure} />
      <form action={formAction} noValidate className="space-y-5">
        {view.step === 'totp' && useRecovery ? <input type="hidden" name="step" value="recovery_code" /> : <input type="hidden" name="step" value={view.step} />}
        {view.step === 'password' ? (
          <>
            <TextField name="email" label="E-mail address" type="email" autoComplete="username" spellCheck={false} required defaultValue={email} error={failure?.fieldErrors.email} />
            <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={failure?.fieldErrors.password} />
            <SubmitButton pendingLabel="Checking…">Continue</SubmitButton>
          </>
        ) : null}
        {view.step === 'pin' ? (
          <>
            <TextField name="pin" label="PIN" type="password" inputMode="numeric" autoComplete="off" required maxLength={8} hint="The 6 to 8 digits you chose for the back office." error={failure?.fieldErrors.pin} />
            <SubmitButton pendingLabel="Checking…">Continue</SubmitButton>
          </>
        ) : null}
        {view.step === 'pin_setup' ? (
          <>
            <p className="text-sm text-neutral-700">Choose a PIN for the back office. You will type it after your password each time you sign in.</p>
            <TextField name="pin" label="New PIN" type="password" inputMode="numeric" autoComplete="off" required maxLength={8} hint="6 to 8 digits." error={failure?.fieldErrors.pin} />
            <TextField name="pinConfirm" label="The same PIN again" type="password" inputMode="numeric" autoComplete="off" required maxLength={8} error={failure?.fieldErrors.pinConfirm} />
            <SubmitButton pendingLabel="Saving…">Save PIN and continue</SubmitButton>
          </>
        ) : null}
        {view.step === 'totp' && !useRecovery ? (
          <>
            <TextField name="code" label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} hint="Six digits; a new one appears every 30 seconds." error={failure?.fieldErrors.code} />
            <SubmitButton pendingLabel="Checking…">Sign in</SubmitButton>
          </>
        ) : null}
        {view.step === 'totp' && useRecovery ? (
          <>
            <TextField name="recoveryCode" label="Recovery code" autoComplete="off" spellCheck={false} required maxLength={40} hint="One of the ten codes you saved when you set up your authenticator. Each works once." error={failure?.fieldErrors.recoveryCode} />
            <SubmitButton pendingLabel="Checking…">Sign in</SubmitButton>
          </>
        ) : null}
        {view.step === 'totp_enrolment' ? (
          <>
            <div className="space-y-3 text-sm text-neutral-700">
              <p>Your role signs in with a code from an authenticator app. Scan this QR code with the app, or type the key below into it.</p>
              <img src={view.qrDataUrl} alt="QR code to add this account to an authenticator app" width={200} height={200} className="h-[200px] w-[200px] border border-neutral-300" />
              <p>
                Key: <code className="break-all rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-ink">{view.secret}</code>
              </p>
            </div>
            <TextField name="code" label="Code shown by the app" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} error={failure?.fieldErrors.code} />
            <SubmitButton pendingLabel="Checking…">Confirm the code</SubmitButton>
          </>
        ) : null}
        {view.step === 'recovery_codes' ? (
          <>
            <Notice tone="success">Your authenticator is set up.</Notice>
            <div className="text-sm text-neutral-700">
              <p>
                These recovery codes let you sign in if you lose your phone. Each works once. Save them somewhere safe now: they are <strong>not shown again</strong>.
              </p>
              <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-2 font-mono text-base text-ink">
                {view.codes.map((code) => (
                  <li key={code} className="rounded bg-neutral-100 px-2 py-1">
                    {code}
                  </li>
                ))}
              </ul>
            </div>
            <SubmitButton pendingLabel="Signing in…">I have saved them: continue</SubmitButton>
          </>
        ) : null}
      </form>
      {view.step === 'totp' ? (
        <p className="mt-6 text-sm">
          <button type="button" className={linkClass} onClick={() => setUseRecovery((value) => !value)}>
            {useRecovery ? 'Use a code from the app instead' : 'Lost your phone? Use a recovery code'}
          </button>
        </p>
      ) : null}
      {view.step !== 'password' ? (
        <form action={formAction} className="mt-4 text-sm">
          <input type="hidden" name="step" value="restart" />
          <button type="submit" className={linkClass}>
            Start again with another account
          </button>
        </form>
      ) : null}
    </div>
  );
}
