import type { Metadata } from 'next';
import Link from 'next/link';
import { EmailLinkForm } from '../_components/email-link-form';
import { linkClass } from '@/app/_components/link-class';
import { PageShell } from '../_components/page-shell';
import { resendActivationAction } from './actions';
import { ACTIVATION_SENT_MESSAGE } from './messages';

export const metadata: Metadata = { title: 'Send the activation link again' };

export default function ResendActivationPage() {
  return (
    <PageShell
      title="Send the activation link again"
      intro={<p>Enter the e-mail address you registered with and we will send a new activation link.</p>}
    >
      <EmailLinkForm action={resendActivationAction} sentMessage={ACTIVATION_SENT_MESSAGE} submitLabel="Send the activation link again" />
      <p className="mt-6 text-sm">
        <Link href="/login" className={linkClass}>
          Back to sign in
        </Link>
      </p>
    </PageShell>
  );
}
