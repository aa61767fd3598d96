import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { PageShell, Notice } from '@/app/(auth)/_components/page-shell';
import { signedInStaff } from '@/lib/staff/require-staff';
import { describePendingStaffSignIn, type TStaffSignInView } from '@/lib/staff/sign-in/describe-pending-sign-in';
import { pendingSignInCookie } from '@/lib/staff/sign-in/pending-sign-in';
import { staffSignInAction } from './actions';
import { StaffSignInForm } from './staff-sign-in-form';

export const metadata: Metadata = { title: 'Staff sign-in', robots: { index: false, follow: false } };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TITLES: Record<TStaffSignInView['step'], string> = {
  password: 'Staff sign-in',
  pin: 'Your PIN',
  pin_setup: 'Choose your PIN',
  totp: 'Authenticator code',
  totp_enrolment: 'Set up your authenticator',
  recovery_codes: 'Save your recovery codes',
};

export default async function StaffLoginPage({ searchParams }: TProps) {
  const params = await searchParams;
  if (await signedInStaff()) redirect('/staff');
  const pending = (await cookies()).get(pendingSignInCookie().name)?.value;
  const view = await describePendingStaffSignIn(pending);
  return (
    <PageShell title={TITLES[view.step]}>
      {params.reason === 'session-ended' && view.step === 'password' ? (
        <div className="mb-6">
          <Notice>Your back-office session has ended. Please sign in again.</Notice>
        </div>
      ) : null}
      <StaffSignInForm view={view} action={staffSignInAction} />
    </PageShell>
  );
}
