'use client';

/** Opens the browser's print dialog; the page's print styles leave only the invoice. */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="inline-flex min-h-11 items-center rounded-lg border border-neutral-400 bg-white px-4 text-base font-semibold text-ink hover:bg-neutral-50"
    >
      Print
    </button>
  );
}
