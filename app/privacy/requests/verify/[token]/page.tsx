import type { Metadata } from 'next';
import { PageShell } from '@/app/(auth)/_components/page-shell';
import { INVALID_IDENTITY_LINK, isIdentityLinkUsable } from '@/lib/privacy/requests/identity-link';
import { VerifyRequestForm } from './verify-form';

export const metadata: Metadata = { title: 'Confirm your data-protection request', referrer: 'no-referrer', robots: { index: false, follow: false } };

type TProps = { params: Promise<{ token: string }> };

export default async function VerifyPrivacyRequestPage({ params }: TProps) {
  const { token } = await params;
  const usable = await isIdentityLinkUsable(token);
  return (
    <PageShell title="Confirm your data-protection request">
      <VerifyRequestForm token={token} usable={usable} invalidMessage={INVALID_IDENTITY_LINK} />
    </PageShell>
  );
}
