import { headers } from 'next/headers';
import { ImageGridSkeleton } from '../_components/image-grid';

/**
 * Without JavaScript, React cannot swap streamed content in: the results arrive in hidden blocks at
 * the end of <body> while this skeleton stays. For browsers without JavaScript only (<noscript>), this
 * style hides the skeleton, shows those blocks, and keeps the footer last, so searching still works.
 * It relies on React's streaming markup (hidden <div id="S:n"> blocks), which has been stable since React 18.
 * The nonce lets the page's CSP allow it.
 */
const NO_SCRIPT_CSS = [
  // In Tailwind's base layer, where its `[hidden] { display: none !important }` lives, so specificity decides.
  '@layer base{',
  '[data-search-skeleton]{display:none!important}',
  'body>div[hidden][id^="S:"]{display:block!important;flex:1 0 auto}',
  '#main{flex:0 0 auto}',
  'body>footer{order:1}',
  '}',
].join('');

/** Shown while a search runs: the shape of the results page, so nothing jumps when they arrive. */
export default async function SearchLoading() {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <div data-search-skeleton="" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
      <noscript>
        <style nonce={nonce}>{NO_SCRIPT_CSS}</style>
      </noscript>
      <div role="status" aria-live="polite">
        <span className="sr-only">Searching images…</span>
      </div>
      <div aria-hidden="true" className="animate-pulse">
        <div className="h-4 w-28 rounded bg-neutral-200" />
        <div className="mt-2 h-11 w-full max-w-3xl rounded-lg bg-neutral-100" />
      </div>
      <div className="mt-8 lg:grid lg:grid-cols-[14rem_minmax(0,1fr)] lg:gap-10">
        <div aria-hidden="true" className="hidden animate-pulse space-y-6 lg:block">
          {Array.from({ length: 4 }, (_, index) => (
            <div key={index} className="space-y-2">
              <div className="h-4 w-24 rounded bg-neutral-200" />
              <div className="h-3 w-32 rounded bg-neutral-100" />
              <div className="h-3 w-28 rounded bg-neutral-100" />
              <div className="h-3 w-20 rounded bg-neutral-100" />
            </div>
          ))}
        </div>
        <div>
          <div aria-hidden="true" className="animate-pulse border-b border-neutral-200 pb-4">
            <div className="h-7 w-64 rounded bg-neutral-200" />
            <div className="mt-2 h-4 w-24 rounded bg-neutral-100" />
          </div>
          <div className="mt-6">
            <ImageGridSkeleton count={12} />
          </div>
        </div>
      </div>
    </div>
  );
}
