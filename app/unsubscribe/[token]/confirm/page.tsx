import type { Metadata } from 'next';
import Link from 'next/link';
import { linkClass } from '@/app/_components/link-class';
import { unsubscribeLinkState } from '@/lib/marketing/unsubscribe-by-link';
import { getSetting } from '@/lib/settings/get-setting';

type TProps = { params: Promise<{ token: string }> };

// The link names an account (signed): the page is never indexed, and no Referer carries it on.
export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false, follow: false }, referrer: 'no-referrer' };

/**
 * Where a newsletter's unsubscribe link leads. Opening it changes nothing (link scanners open
 * links too); the button posts the one-click form to /unsubscribe/<token>, no sign-in needed.
 */
export default async function UnsubscribePage({ params }: TProps) {
  const { token } = await params;
  const [state, siteName] = await Promise.all([unsubscribeLinkState(token), getSetting('site.name')]);

  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      {state === 'invalid-link' ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">This link does not work</h1>
          <p className="mt-3 text-neutral-700">
            The unsubscribe link is incomplete or was changed. Use the link in the newsletter as it arrived, or sign in and turn marketing mail off under{' '}
            <Link href="/account/privacy" className={linkClass}>
              Privacy in My Account
            </Link>
            .
          </p>
        </>
      ) : state === 'subscribed' ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">Unsubscribe from our newsletter</h1>
          <p className="mt-3 text-neutral-700">
            You get occasional e-mails about new collections and offers from {siteName} because you agreed to them. One click below stops them. You need not sign in, and the other mail about your account and orders is not affected.
          </p>
          <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}`} className="mt-6">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="from" value="page" />
            <button type="submit" className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-800">
              Unsubscribe
            </button>
          </form>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight text-ink sm:text-3xl">You are unsubscribed</h1>
          <div role="status" className="mt-4 rounded-md border-l-4 border-brand-700 bg-brand-50 p-4 text-brand-800">
            {siteName} sends you no more newsletters. Mail about your account and your orders still comes as before.
          </div>
          <p className="mt-4 text-neutral-700">
            Changed your mind? Sign in and turn marketing mail back on under{' '}
            <Link href="/account/privacy" className={linkClass}>
              Privacy in My Account
            </Link>
            .
          </p>
        </>
      )}
    </div>
  );
}
