import type { Metadata } from 'next';
import { INVALID_ACTIVATION_LINK, isActivationLinkUsable } from '@/lib/accounts/activate-account';
import { PageShell } from '../../_components/page-shell';
import { ActivateForm } from './activate-form';

export const metadata: Metadata = { title: 'Activate your account', referrer: 'no-referrer', robots: { index: false, follow: false } };

type TProps = { params: Promise<{ token: string }> };

/**
 * Opening the link only shows a button: mail scanners fetch links, and activating on GET would let
 * them do it. Whether the link can still be used is looked up without using it.
 */
export default async function ActivatePage({ params }: TProps) {
  const { token } = await params;
  const usable = await isActivationLinkUsable(token);
  return (
    <PageShell title="Activate your account">
      <ActivateForm token={token} usable={usable} invalidMessage={INVALID_ACTIVATION_LINK} />
    </PageShell>
  );
}
