import type { Metadata } from 'next';
import Link from 'next/link';
import { SearchBox } from './(shop)/_components/search-box';

export const metadata: Metadata = { title: 'Page not found' };

/** Unknown addresses, and pages that call notFound() (an unknown or unpublished image). */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-16 sm:px-6 sm:py-24">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-ink">We could not find that page</h1>
      <p className="mt-3 text-neutral-700">
        The address may be mistyped, or the image may no longer be in the catalogue. Try a search instead:
      </p>
      <div className="mt-6">
        <SearchBox inputId="not-found-search" />
      </div>
      <p className="mt-8">
        <Link href="/" className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
