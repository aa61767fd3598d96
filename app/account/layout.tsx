import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getOptionalUser } from '@/lib/auth/guards';
import { AccountNav } from './_components/account-nav';

export const metadata: Metadata = {
  title: { default: 'My Account', template: '%s · My Account · Stockroom' },
  robots: { index: false, follow: false },
};

/**
 * The frame of My Account. It is not the security check: every page and every action below calls
 * requireUser itself (a layout's check protects neither the pages' actions nor a page rendered alone).
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const actor = await getOptionalUser();
  return (
    <div className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:py-12">
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2 border-b border-neutral-200 pb-4 print:hidden">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">My Account</p>
        {actor ? (
          <p className="text-sm text-neutral-700">
            Signed in as <span className="font-medium text-ink">{actor.fullName}</span>
          </p>
        ) : null}
      </div>
      <div className="mt-6 lg:grid lg:grid-cols-[14rem_1fr] lg:gap-10">
        <aside className="mb-6 lg:mb-0 print:hidden">
          <AccountNav />
        </aside>
        <div className="min-w-0">{children}</div>
      </div>
    </div>
  );
}
