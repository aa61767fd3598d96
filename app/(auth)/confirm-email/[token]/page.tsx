import type { Metadata } from 'next';
import { INVALID_EMAIL_CHANGE_LINK, isEmailChangeLinkUsable } from '@/lib/customers/confirm-email-change';
import { PageShell } from '../../_components/page-shell';
import { ConfirmEmailForm } from './confirm-email-form';

export const metadata: Metadata = { title: 'Confirm your new sign-in e-mail', referrer: 'no-referrer', robots: { index: false, follow: false } };

type TProps = { params: Promise<{ token: string }> };

export default async function ConfirmEmailPage({ params }: TProps) {
  const { token } = await params;
  const usable = await isEmailChangeLinkUsable(token);
  return (
    <PageShell title="Confirm your new sign-in e-mail">
      <ConfirmEmailForm token={token} usable={usable} invalidMessage={INVALID_EMAIL_CHANGE_LINK} />
    </PageShell>
  );
}
