import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/guards';
import { listMySignInAttempts, type TSignInAttempt } from '@/lib/security/access-log-query';
import { countryName } from '../_components/format';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';

export const metadata: Metadata = { title: 'Sign-in attempts' };

/** Each outcome in plain words, and whether it should catch the reader's eye. */
const OUTCOMES: Record<TSignInAttempt['outcome'], { text: string; tone: 'ok' | 'warn' | 'muted' }> = {
  success: { text: 'Signed in', tone: 'ok' },
  invalid: { text: 'Wrong password', tone: 'warn' },
  throttled: { text: 'Refused: too many attempts', tone: 'warn' },
  blocked: { text: 'Refused: the address was blocked', tone: 'warn' },
  address_not_allowed: { text: 'Refused: address not allowed', tone: 'warn' },
  not_activated: { text: 'Right password, but the account was not activated yet', tone: 'muted' },
  disabled: { text: 'Right password, but the account was closed', tone: 'muted' },
  wrong_kind: { text: 'Refused: wrong sign-in page for this account', tone: 'muted' },
  factor_expired: { text: 'Refused: the sign-in took too long', tone: 'muted' },
  forbidden: { text: 'Refused', tone: 'warn' },
  unavailable: { text: 'Not possible at the time (our fault)', tone: 'muted' },
  parental_pending: { text: "Right password, but a parent's confirmation is not recorded yet", tone: 'muted' },
};

const TONE_CLASSES = {
  ok: 'bg-brand-50 text-brand-800 ring-brand-100',
  warn: 'bg-amber-100 text-amber-900 ring-amber-300',
  muted: 'bg-neutral-100 text-neutral-700 ring-neutral-300',
} as const;

const unknown = <span className="text-neutral-600">Unknown</span>;

export default async function SignInAttemptsPage() {
  const actor = await requireUser('/account/attempts');
  // Only the signed-in customer's own attempts: the account id comes from the session.
  const attempts = await listMySignInAttempts(actor);
  const failures = attempts.filter((attempt) => attempt.outcome !== 'success').length;

  return (
    <div className="space-y-8">
      <PageHeader title="Sign-in attempts">
        <p>
          Every attempt to sign in to your account, successful or not, newest first. If you see wrong passwords you did
          not type, someone may be guessing: choose a long password you use nowhere else.
        </p>
      </PageHeader>

      <section aria-labelledby="attempts-heading" className="max-w-5xl">
        <h2 id="attempts-heading" className="text-lg font-semibold text-ink">
          Recent attempts{' '}
          <span className="text-sm font-normal text-neutral-600">
            ({attempts.length === 0 ? 'none' : `${attempts.length}, ${failures === 0 ? 'none' : failures} not successful`})
          </span>
        </h2>
        {attempts.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-neutral-300 p-6 text-sm text-neutral-700">No sign-in attempts recorded yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-neutral-200">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Sign-in attempts on your account, newest first</caption>
              <thead className="bg-neutral-50 text-neutral-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Time</th>
                  <th scope="col" className="px-4 py-2 font-medium">Outcome</th>
                  <th scope="col" className="px-4 py-2 font-medium">IP address</th>
                  <th scope="col" className="px-4 py-2 font-medium">Browser</th>
                  <th scope="col" className="px-4 py-2 font-medium">Operating system</th>
                  <th scope="col" className="px-4 py-2 font-medium">Country</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {attempts.map((attempt) => {
                  const outcome = OUTCOMES[attempt.outcome];
                  return (
                    <tr key={attempt.id}>
                      <td className="px-4 py-2 whitespace-nowrap">
                        <Timestamp value={attempt.occurredAt} />
                      </td>
                      <td className="px-4 py-2">
                        <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONE_CLASSES[outcome.tone]}`}>{outcome.text}</span>
                      </td>
                      <td className="px-4 py-2 font-mono break-all">{attempt.ip ?? unknown}</td>
                      <td className="px-4 py-2">{attempt.browser ?? unknown}</td>
                      <td className="px-4 py-2">{attempt.os ?? unknown}</td>
                      <td className="px-4 py-2">{countryName(attempt.country) ?? unknown}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-4 text-sm text-neutral-600">
          Sign-in attempts are kept for 6 months to protect your account, then deleted. An attempt with an e-mail address
          that has no account is not linked to anyone.
        </p>
      </section>
    </div>
  );
}
