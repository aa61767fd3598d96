'use client';

import { ErrorNotice } from './_components/error-notice';
import './globals.css';

/** The root layout itself failed: this replaces it, so it brings its own document. No details are shown. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="bg-white font-sans text-ink antialiased">
        <title>Something went wrong · Stockroom</title>
        <main className="mx-auto max-w-2xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="text-xl font-semibold tracking-tight text-brand-800">Stockroom</p>
          <div className="mt-8">
            <ErrorNotice error={error} retry={retry} message="The site could not be shown just now. Please try again in a moment." />
          </div>
        </main>
      </body>
    </html>
  );
}
