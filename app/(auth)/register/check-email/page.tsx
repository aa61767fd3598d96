import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { PageShell } from '../../_components/page-shell';

export const metadata: Metadata = { title: 'Check your e-mail' };

/** Shown after every registration, whether or not the address already had an account. */
export default function CheckEmailPage() {
  return (
    <PageShell title="Check your e-mail">
      <div className="space-y-4 text-ink">
        <p>
          We have sent a message to the address you gave. Open the link in it to activate your account; the link is valid for 24
          hours.
        </p>
        <p>If that address already has an account with us, the message tells you how to sign in or reset your password instead.</p>
        <p className="text-sm text-neutral-700">
          Nothing arrived after a few minutes? Look in your spam folder, or{' '}
          <Link href="/activate" className={linkClass}>
            have the activation link sent again
          </Link>
          .
        </p>
      </div>
    </PageShell>
  );
}
