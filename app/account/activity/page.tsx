import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getMyDetails, listMyActivity, type TMyActivityRow } from '@/lib/accounts/get-my-account';
import { requireUser } from '@/lib/auth/guards';
import { parseSearchQuery, searchHref } from '@/lib/catalog/search-query';
import { linkClass } from '@/app/_components/link-class';
import { countryName } from '../_components/format';
import { PageHeader } from '../_components/page-header';
import { Timestamp } from '../_components/timestamp';

export const metadata: Metadata = { title: 'Your activity' };

const FILTER_LABELS: Record<string, string> = {
  orientation: 'Orientation',
  licence: 'Licence',
  people: 'People',
  release: 'Release',
  sort: 'Sort',
};

const FILTER_VALUES: Record<string, string> = {
  landscape: 'landscape',
  portrait: 'portrait',
  square: 'square',
  royalty_free: 'royalty-free',
  rights_managed: 'rights-managed',
  with: 'with people',
  without: 'without people',
  released: 'model released',
  editorial: 'editorial only',
  relevance: 'best match',
  newest: 'newest first',
};

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="max-w-4xl">
      <h2 id={id} className="text-lg font-semibold text-ink">
        {title} <span className="text-sm font-normal text-neutral-600">({count === 0 ? 'none' : count})</span>
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">{children}</p>;
}

function SearchItem({ row }: { row: TMyActivityRow }) {
  // The stored query is parsed like a typed-in URL, so the rerun link is always a clean search address.
  const query = parseSearchQuery({ q: row.searchQuery ?? '', ...(row.searchFilters ?? {}) });
  const filters = Object.entries(row.searchFilters ?? {}).filter(([, value]) => value !== '');
  return (
    <li className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
      <div className="min-w-0">
        <p className="font-medium break-words text-ink">{row.searchQuery ? `“${row.searchQuery}”` : <span className="text-neutral-700">All images</span>}</p>
        {filters.length > 0 ? (
          <p className="mt-0.5 text-sm text-neutral-700">
            {filters.map(([key, value]) => `${FILTER_LABELS[key] ?? key}: ${FILTER_VALUES[value] ?? value}`).join(' · ')}
          </p>
        ) : null}
      </div>
      <div className="flex shrink-0 items-baseline gap-4 text-sm">
        <span className="text-neutral-600">
          <Timestamp value={row.createdAt} />
        </span>
        <Link href={searchHref(query)} className={linkClass}>
          Search again<span className="sr-only"> for {row.searchQuery || 'all images'}</span>
        </Link>
      </div>
    </li>
  );
}

function ImageItem({ row }: { row: TMyActivityRow }) {
  return (
    <li className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
      <p className="min-w-0 break-words">
        {row.imageId !== null && row.imageTitle !== null && row.imagePublished ? (
          <Link href={`/images/${row.imageId}`} className={linkClass}>
            {row.imageTitle}
          </Link>
        ) : row.imageTitle !== null ? (
          <span className="text-ink">
            {row.imageTitle} <span className="text-sm text-neutral-600">(no longer in the catalogue)</span>
          </span>
        ) : (
          <span className="text-neutral-700">An image that has since been removed</span>
        )}
      </p>
      <span className="shrink-0 text-sm text-neutral-600">
        <Timestamp value={row.createdAt} />
      </span>
    </li>
  );
}

export default async function ActivityPage() {
  const actor = await requireUser('/account/activity');
  const [activity, details] = await Promise.all([listMyActivity(actor), getMyDetails(actor)]);
  const { searches, previews, compDownloads, logins } = activity;

  return (
    <div className="space-y-10">
      <PageHeader title="Your activity">
        <p>
          What we record while you use the shop signed in, so you can see it and so we can protect your account. Searches,
          previews and comp downloads are kept for 12 months, sign-in IP addresses for 6 months. The most recent 50 of each
          are shown.
        </p>
      </PageHeader>

      <section aria-labelledby="last-login-heading" className="max-w-4xl rounded-lg border border-neutral-200 bg-neutral-50 p-5">
        <h2 id="last-login-heading" className="text-sm font-semibold text-neutral-700">
          Last sign-in
        </h2>
        <p className="mt-1 text-base font-medium text-ink">
          {details.lastLoginAt ? <Timestamp value={details.lastLoginAt} /> : 'Not recorded yet'}
        </p>
      </section>

      <Section id="searches-heading" title="Searches" count={searches.length}>
        {searches.length === 0 ? (
          <Empty>
            You have not searched while signed in yet. <Link href="/search" className="font-medium text-brand-700 underline underline-offset-2">Browse images</Link>
          </Empty>
        ) : (
          <ul className="divide-y divide-neutral-200 border-y border-neutral-200">
            {searches.map((row) => (
              <SearchItem key={row.id} row={row} />
            ))}
          </ul>
        )}
      </Section>

      <Section id="previews-heading" title="Previews viewed" count={previews.length}>
        {previews.length === 0 ? (
          <Empty>You have not opened a larger preview while signed in yet.</Empty>
        ) : (
          <ul className="divide-y divide-neutral-200 border-y border-neutral-200">
            {previews.map((row) => (
              <ImageItem key={row.id} row={row} />
            ))}
          </ul>
        )}
      </Section>

      <Section id="comps-heading" title="Comp downloads" count={compDownloads.length}>
        {compDownloads.length === 0 ? (
          <Empty>You have not downloaded a comp (a watermarked image for layouts) yet.</Empty>
        ) : (
          <ul className="divide-y divide-neutral-200 border-y border-neutral-200">
            {compDownloads.map((row) => (
              <ImageItem key={row.id} row={row} />
            ))}
          </ul>
        )}
      </Section>

      <Section id="logins-heading" title="Sign-ins" count={logins.length}>
        {logins.length === 0 ? (
          <Empty>No sign-ins recorded.</Empty>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-neutral-200">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Your sign-ins, newest first</caption>
              <thead className="bg-neutral-50 text-neutral-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Time</th>
                  <th scope="col" className="px-4 py-2 font-medium">IP address</th>
                  <th scope="col" className="px-4 py-2 font-medium">Browser</th>
                  <th scope="col" className="px-4 py-2 font-medium">Operating system</th>
                  <th scope="col" className="px-4 py-2 font-medium">Country</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {logins.map((row) => (
                  <tr key={row.id}>
                    <td className="px-4 py-2 whitespace-nowrap">
                      <Timestamp value={row.createdAt} />
                    </td>
                    <td className="px-4 py-2 font-mono break-all">{row.ip ?? 'Unknown'}</td>
                    <td className="px-4 py-2">{row.browser ?? 'Unknown'}</td>
                    <td className="px-4 py-2">{row.os ?? 'Unknown'}</td>
                    <td className="px-4 py-2">{countryName(row.country) ?? 'Unknown'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
