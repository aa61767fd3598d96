import type { Metadata } from 'next';
import Link from 'next/link';
import { EmailLinkForm } from '../_components/email-link-form';
import { linkClass } from '@/app/_components/link-class';
import { PageShell } from '../_components/page-shell';
import { requestResetAction } from './actions';
import { RESET_SENT_MESSAGE } from './messages';

export const metadata: Metadata = { title: 'Reset your password' };

export default function RequestResetPage() {
  return (
    <PageShell
      title="Reset your password"
      intro={<p>Enter the e-mail address of your account and we will send you a link to choose a new password.</p>}
    >
      <EmailLinkForm action={requestResetAction} sentMessage={RESET_SENT_MESSAGE} submitLabel="Send the reset link" />
      <p className="mt-6 text-sm">
        <Link href="/login" className={linkClass}>
          Back to sign in
        </Link>
      </p>
    </PageShell>
  );
}
