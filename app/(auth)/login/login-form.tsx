'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { signInProblem, type TSignInProblem } from '@/lib/auth/sign-in-messages';
import { CheckboxField, TextField } from '@/app/_components/form-fields';
import { linkClass } from '@/app/_components/link-class';
import { EmailLinkForm } from '../_components/email-link-form';
import { Notice } from '../_components/page-shell';
import { SubmitButton } from '../_components/submit-button';
import { resendActivationAction } from '../activate/actions';
import { ACTIVATION_SENT_MESSAGE } from '../activate/messages';

type TLoginFormProps = {
  /** Already checked to be a path on this site. */
  next: string;
  rememberedEmail: string;
  rememberDays: number;
  reasonMessage: string | null;
  initialErrorCode: string | null;
};

type TProblem = TSignInProblem & { email: string; fieldErrors: { email?: string; password?: string } };

/**
 * Sends e-mail and password to next-auth (credentials), which checks them with signInWithPassword
 * and writes the session cookie. On success the whole page is loaded anew, so the header and
 * every server component see the new session.
 */
export function LoginForm({ next, rememberedEmail, rememberDays, reasonMessage, initialErrorCode }: TLoginFormProps) {
  const [problem, setProblem] = useState<TProblem | null>(() =>
    initialErrorCode ? { ...signInProblem(initialErrorCode), email: rememberedEmail, fieldErrors: {} } : null,
  );
  const [pending, setPending] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) alertRef.current?.focus();
  }, [problem]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');

    const fieldErrors: TProblem['fieldErrors'] = {};
    if (!email) fieldErrors.email = 'Enter your e-mail address.';
    if (!password) fieldErrors.password = 'Enter your password.';
    if (fieldErrors.email || fieldErrors.password) {
      setProblem({ kind: 'invalid', message: 'Please fill in both fields.', email, fieldErrors });
      return;
    }

    setPending(true);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        email,
        password,
        remember: data.get('remember') === 'on',
        rememberEmail: data.get('rememberEmail') === 'on',
        callbackUrl: next,
      });
      if (result?.ok && !result.error) {
        // `next` was made safe on the server; next-auth's own URL is not used.
        window.location.assign(next);
        return;
      }
      setProblem({ ...signInProblem(result?.error), email, fieldErrors: {} });
    } catch {
      setProblem({ ...signInProblem('unavailable'), email, fieldErrors: {} });
    }
    const passwordInput = form.elements.namedItem('password');
    if (passwordInput instanceof HTMLInputElement) passwordInput.value = '';
    setPending(false);
  }

  return (
    <div className="space-y-6">
      {reasonMessage && !problem ? <Notice>{reasonMessage}</Notice> : null}

      {problem ? (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-ink">
          <p className="font-semibold text-red-800">
            {problem.message}
          </p>
        </div>
      ) : null}

      {problem?.kind === 'not_activated' ? (
        <section aria-labelledby="resend-heading" className="rounded-md border border-neutral-300 px-4 py-4">
          <h2 id="resend-heading" className="mb-3 text-base font-semibold">
            Activation link
          </h2>
          <EmailLinkForm
            action={resendActivationAction}
            sentMessage={ACTIVATION_SENT_MESSAGE}
            submitLabel="Send the activation link again"
            hiddenEmail={problem.email}
          />
        </section>
      ) : null}

      <form onSubmit={onSubmit} noValidate className="space-y-5">
        <TextField
          name="email"
          label="E-mail address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          required
          defaultValue={problem?.email ?? rememberedEmail}
          error={problem?.fieldErrors.email}
        />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={problem?.fieldErrors.password} />
        <CheckboxField
          name="remember"
          label="Keep me signed in"
          hint={`For up to ${rememberDays} days on this computer. Leave it unticked on a shared computer.`}
        />
        <CheckboxField
          name="rememberEmail"
          label="Remember my e-mail"
          hint="Keeps only your e-mail address in a cookie on this computer, to fill in this form next time."
          defaultChecked={rememberedEmail !== ''}
        />
        <SubmitButton pending={pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>

      <ul className="space-y-2 text-sm">
        <li>
          <Link href="/reset-password" className={linkClass}>
            Forgot your password?
          </Link>
        </li>
        <li>
          <Link href="/activate" className={linkClass}>
            Did not get the activation e-mail?
          </Link>
        </li>
        <li>
          New here?{' '}
          <Link href="/register" className={linkClass}>
            Create an account
          </Link>
        </li>
      </ul>
    </div>
  );
}
