/**
 * Shown while a My Account page loads its data. Each page without pages below it re-exports it as
 * its loading.tsx: a loading boundary above a page with an id ([id]) would start streaming before
 * the page could answer 404 for another customer's id, and send status 200 instead.
 */
export function AccountLoading() {
  return (
    <div role="status" aria-live="polite" className="max-w-3xl">
      <span className="sr-only">Loading your account…</span>
      <div aria-hidden="true" className="animate-pulse space-y-6">
        <div className="h-8 w-64 rounded bg-neutral-200" />
        <div className="h-4 w-full max-w-xl rounded bg-neutral-100" />
        <div className="space-y-4 rounded-lg border border-neutral-200 p-6">
          <div className="h-4 w-32 rounded bg-neutral-200" />
          <div className="h-10 w-full rounded bg-neutral-100" />
          <div className="h-4 w-40 rounded bg-neutral-200" />
          <div className="h-10 w-full rounded bg-neutral-100" />
          <div className="h-4 w-24 rounded bg-neutral-200" />
          <div className="h-10 w-2/3 rounded bg-neutral-100" />
        </div>
      </div>
    </div>
  );
}
