'use client';

import Link from 'next/link';

/** The error digest Next.js attaches, which points to the server log line; nothing else about the error is shown. */
export const digestOf = (error: unknown) =>
  error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;

/** What both error boundaries say: that it failed, a reference for support, and a way on. */
export function ErrorNotice({ error, retry, message }: { error: unknown; retry: () => void; message: string }) {
  const digest = digestOf(error);
  return (
    <>
      <div role="alert">
        <h1 className="text-3xl font-semibold tracking-tight text-ink">Something went wrong on our side</h1>
        <p className="mt-3 text-neutral-700">{message}</p>
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
    </>
  );
}
