'use client';

import { digestOf } from '../_components/error-notice';

/** A My Account page failed to load: say so plainly and offer to try again. Details stay in the server log. */
export default function AccountError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  return (
    <div role="alert" className="max-w-xl rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h1 className="text-lg font-semibold">We could not load this part of your account.</h1>
      <p className="mt-2 text-sm">
        Something went wrong on our side. Please try again in a moment; nothing you saved before has been lost.
      </p>
      {digest ? <p className="mt-2 text-xs text-red-800">Reference: {digest}</p> : null}
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 inline-flex min-h-11 items-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
      >
        Try again
      </button>
    </div>
  );
}
