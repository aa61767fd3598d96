import type { Metadata } from 'next';
import { PageShell } from '@/app/(auth)/_components/page-shell';
import { PASSWORD_RULES_TEXT } from '@/lib/auth/password-policy';
import { INVALID_INVITATION_LINK, isStaffInvitationUsable } from '@/lib/staff/accounts/accept-staff-invitation';
import { acceptStaffInvitationAction } from '../actions';
import { InvitationForm } from './invitation-form';

export const metadata: Metadata = { title: 'Choose your staff password', referrer: 'no-referrer', robots: { index: false, follow: false } };

type TProps = { params: Promise<{ token: string }> };

export default async function StaffInvitationPage({ params }: TProps) {
  const { token } = await params;
  const usable = await isStaffInvitationUsable(token);
  return (
    <PageShell title="Choose your staff password">
      <InvitationForm action={acceptStaffInvitationAction} token={token} usable={usable} invalidMessage={INVALID_INVITATION_LINK} passwordRules={PASSWORD_RULES_TEXT} />
    </PageShell>
  );
}
