import type { Metadata } from 'next';
import { INVALID_RESET_LINK, isResetLinkUsable } from '@/lib/accounts/reset-password';
import { PASSWORD_RULES_TEXT } from '@/lib/auth/password-policy';
import { PageShell } from '../../_components/page-shell';
import { ResetPasswordForm } from './reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer', robots: { index: false, follow: false } };

type TProps = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: TProps) {
  const { token } = await params;
  const usable = await isResetLinkUsable(token);
  return (
    <PageShell title="Choose a new password">
      <ResetPasswordForm token={token} usable={usable} invalidMessage={INVALID_RESET_LINK} passwordRules={PASSWORD_RULES_TEXT} />
    </PageShell>
  );
}
