import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { listMySessions, type TMySession } from '@/lib/accounts/get-my-account';
import { requireUser } from '@/lib/auth/guards';
import { countryName } from '../_components/format';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';
import { SignOutOthersForm } from './sign-out-others-form';

export const metadata: Metadata = { title: 'Sign-ins' };

const END_REASONS: Record<NonNullable<TMySession['endReason']>, string> = {
  logout: 'You signed out.',
  signed_in_elsewhere: 'You signed in on another browser or device.',
  signed_out_elsewhere: 'Signed out with “Sign out everywhere else”.',
  password_changed: 'Your password was changed.',
  password_reset: 'Your password was reset by e-mail link.',
  idle_timeout: 'Nothing happened for too long, so it timed out.',
  expired: 'It reached its maximum length.',
  account_disabled: 'Your account was disabled.',
  ended_by_staff: 'Our staff signed this session out.',
};

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-neutral-600 uppercase">{term}</dt>
      <dd className="mt-0.5 text-sm break-words text-ink">{children}</dd>
    </div>
  );
}

const unknown = <span className="text-neutral-600">Unknown</span>;

function SessionCard({ session }: { session: TMySession }) {
  const device = [session.browser, session.os].filter(Boolean).join(' on ') || 'Unknown browser';
  return (
    <li className={`rounded-lg border p-5 ${session.state === 'current' ? 'border-brand-600 bg-brand-50/40' : 'border-neutral-200'}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-base font-semibold text-ink">{device}</h3>
        {session.state === 'current' ? (
          <span className="rounded-full bg-brand-700 px-2.5 py-0.5 text-xs font-semibold text-white">This browser</span>
        ) : session.state === 'open' ? (
          <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300 ring-inset">Still signed in</span>
        ) : (
          <span className="rounded-full bg-neutral-100 px-2.5 py-0.5 text-xs font-semibold text-neutral-700 ring-1 ring-neutral-300 ring-inset">Ended</span>
        )}
      </div>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        <Detail term="Signed in">
          <Timestamp value={session.createdAt} />
        </Detail>
        <Detail term="Last active">
          <Timestamp value={session.lastSeenAt} />
        </Detail>
        <Detail term="Country">{countryName(session.country) ?? unknown}</Detail>
        <Detail term="IP address">{session.ip ? <span className="font-mono">{session.ip}</span> : unknown}</Detail>
        <Detail term="Browser">{session.browser ?? unknown}</Detail>
        <Detail term="Operating system">{session.os ?? unknown}</Detail>
      </dl>
      {session.state === 'ended' ? (
        <p className="mt-3 text-sm text-neutral-700">
          Ended {session.endedAt ? <Timestamp value={session.endedAt} /> : null}
          {session.endReason ? <>: {END_REASONS[session.endReason]}</> : '.'}
        </p>
      ) : null}
    </li>
  );
}

export default async function SessionsPage() {
  const actor = await requireUser('/account/sessions');
  const sessions = await listMySessions(actor);
  const others = sessions.filter((session) => session.state === 'open').length;

  return (
    <div className="space-y-8">
      <PageHeader title="Sign-ins">
        <p>
          Where and when your account was used. Your account can be signed in on one browser at a time: signing in
          somewhere new signs out the previous browser. If you see a sign-in you do not recognise, change your password.
        </p>
      </PageHeader>

      <section aria-labelledby="sign-out-heading" className="max-w-3xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
        <h2 id="sign-out-heading" className="text-base font-semibold text-ink">
          Sign out everywhere else
        </h2>
        <p className="mt-1 mb-4 text-sm text-neutral-700">
          {others === 0
            ? 'No other browser is signed in to your account right now.'
            : `${others === 1 ? 'One other browser is' : `${others} other browsers are`} still signed in to your account.`}{' '}
          Ending the other sessions keeps you signed in here.
        </p>
        <SignOutOthersForm />
      </section>

      <section aria-labelledby="recent-heading" className="max-w-5xl">
        <h2 id="recent-heading" className="text-lg font-semibold text-ink">
          Current and recent sign-ins
        </h2>
        {sessions.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">No sign-ins recorded yet.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {sessions.map((session) => (
              <SessionCard key={session.id} session={session} />
            ))}
          </ul>
        )}
        <p className="mt-4 text-sm text-neutral-600">
          Sign-in IP addresses are kept for 6 months. The country is worked out from the IP address on our own server;
          nothing is sent to another company.
        </p>
      </section>
    </div>
  );
}
