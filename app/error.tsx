'use client';

import { ErrorNotice } from './_components/error-notice';

/** A page failed while rendering: say so plainly and offer to try again. Details stay in the server log. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-16 sm:px-6 sm:py-24">
      <ErrorNotice
        error={error}
        retry={retry}
        message="This page could not be shown just now. Please try again in a moment; if it keeps happening, let us know."
      />
    </div>
  );
}
