'use client';

import Link from 'next/link';

/** A page failed while rendering: say so plainly and offer to try again. Details stay in the server log. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <div className="mx-auto max-w-2xl px-4 py-16 sm:px-6 sm:py-24">
      <div role="alert">
        <h1 className="text-3xl font-semibold tracking-tight text-ink">Something went wrong on our side</h1>
        <p className="mt-3 text-neutral-700">
          This page could not be shown just now. Please try again in a moment; if it keeps happening, let us know.
        </p>
        {digest ? <p className="mt-2 text-sm text-neutral-600">Reference: {digest}</p> : null}
      </div>
      <div className="mt-6 flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={() => retry()}
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 text-base font-semibold text-white hover:bg-brand-800"
        >
          Try again
        </button>
        <Link href="/" className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
