import type { Metadata } from 'next';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { myStaffSecurity } from '@/lib/staff/self/my-staff-security';
import { requireStaff } from '@/lib/staff/require-staff';
import { changeOwnPinAction, regenerateRecoveryCodesAction, resetOwnAuthenticatorAction } from './actions';
import { ChangePinForm, RecoveryCodesForm, ResetAuthenticatorForm } from './security-forms';

export const metadata: Metadata = { title: 'My security' };

export default async function MySecurityPage() {
  const actor = await requireStaff('backoffice.enter', '/staff/security');
  const security = await myStaffSecurity(actor);
  const enrolled = security.totpEnrolledAt !== null;
  return (
    <div className="max-w-3xl space-y-10">
      <PageHeader title="My security">Your own sign-in factors. Every change asks for your password and is confirmed to you by e-mail.</PageHeader>

      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-neutral-700">PIN last changed</dt>
          <dd className="mt-0.5 font-medium text-ink">{security.pinChangedAt ? <Timestamp value={security.pinChangedAt} /> : 'Not known'}</dd>
        </div>
        <div>
          <dt className="text-neutral-700">Authenticator</dt>
          <dd className="mt-0.5 font-medium text-ink">{security.totpEnrolledAt ? <>Set up <Timestamp value={security.totpEnrolledAt} /></> : 'Not set up'}</dd>
        </div>
        <div>
          <dt className="text-neutral-700">Recovery codes left</dt>
          <dd className="mt-0.5 font-medium text-ink">{enrolled ? `${security.recoveryCodesLeft} of 10` : 'None (no authenticator)'}</dd>
        </div>
      </dl>

      <section aria-labelledby="pin-heading" className="space-y-3">
        <h2 id="pin-heading" className="text-lg font-semibold text-ink">
          Change your PIN
        </h2>
        <ChangePinForm action={changeOwnPinAction} />
      </section>

      {enrolled ? (
        <>
          <section aria-labelledby="codes-heading" className="space-y-3">
            <h2 id="codes-heading" className="text-lg font-semibold text-ink">
              New recovery codes
            </h2>
            <p className="text-sm text-neutral-700">Makes 10 new codes for when you lose your phone. Your earlier codes stop working.</p>
            <RecoveryCodesForm action={regenerateRecoveryCodesAction} />
          </section>

          <section aria-labelledby="authenticator-heading" className="space-y-3">
            <h2 id="authenticator-heading" className="text-lg font-semibold text-ink">
              New phone: set up the authenticator again
            </h2>
            <p className="text-sm text-neutral-700">
              Removes your authenticator and recovery codes and signs you out everywhere. At your next sign-in you set up the app on your new phone and get new recovery codes.
            </p>
            <ResetAuthenticatorForm action={resetOwnAuthenticatorAction} />
          </section>
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">Your role signs in without an authenticator app, so there are no recovery codes to manage.</p>
      )}
    </div>
  );
}
