'use client';

import Link from 'next/link';
import './globals.css';

/** The root layout itself failed: this replaces it, so it brings its own document. No details are shown. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <html lang="en">
      <body className="bg-white font-sans text-ink antialiased">
        <title>Something went wrong · Stockroom</title>
        <main className="mx-auto max-w-2xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="text-xl font-semibold tracking-tight text-brand-800">Stockroom</p>
          <div role="alert" className="mt-8">
            <h1 className="text-3xl font-semibold tracking-tight">Something went wrong on our side</h1>
            <p className="mt-3 text-neutral-700">The site could not be shown just now. Please try again in a moment.</p>
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
            <Link href="/" className="font-semibold text-brand-700 underline underline-offset-2">
              Go to the home page
            </Link>
          </div>
        </main>
      </body>
    </html>
  );
}
