'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { toggleLightboxImageAction } from './lightbox-actions';
import { lightboxStore } from './lightbox-store';

const FAILED = 'The lightbox could not be changed. Please try again.';

function useLightbox() {
  return useSyncExternalStore(lightboxStore.subscribe, lightboxStore.getSnapshot, lightboxStore.getSnapshot);
}

async function toggle(imageId: number, title: string, add: boolean) {
  lightboxStore.begin(imageId, add);
  try {
    const result = await toggleLightboxImageAction({ imageId, add });
    if (result?.data) {
      lightboxStore.settle(imageId, { ok: true, saved: result.data.inLightbox, activeName: result.data.lightboxName, imageCount: result.data.imageCount, href: result.data.href, title });
    } else {
      lightboxStore.settle(imageId, { ok: false, saved: !add, message: result?.serverError?.error ?? FAILED });
    }
  } catch {
    lightboxStore.settle(imageId, { ok: false, saved: !add, message: FAILED });
  }
}

/**
 * One-click add/remove for an image. The pressed state is read after load (lightbox-store.ts), so
 * the page's HTML is the same for everyone. `card`: a round icon button over a result's thumbnail;
 * `page`: a labelled button for the image page.
 */
export function LightboxButton({ imageId, title, variant }: { imageId: number; title: string; variant: 'card' | 'page' }) {
  const state = useLightbox();
  useEffect(() => lightboxStore.watch(imageId), [imageId]);
  if (!state.canUse) return null;
  const saved = state.saved.has(imageId);
  const busy = state.busy.has(imageId);
  const onClick = () => {
    if (!busy) void toggle(imageId, title, !saved);
  };

  if (variant === 'card') {
    return (
      <button
        type="button"
        onClick={onClick}
        aria-pressed={saved}
        aria-label={`Keep “${title}” in my lightbox`}
        title={saved ? 'In your lightbox: click to remove' : 'Add to your lightbox'}
        className={`absolute top-2 right-2 inline-flex size-10 items-center justify-center rounded-full shadow-sm ring-1 transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${saved ? 'bg-brand-700 text-white ring-brand-800 hover:bg-brand-800' : 'bg-white/95 text-ink ring-neutral-300 hover:bg-white hover:text-brand-700'}`}
      >
        <BookmarkIcon filled={saved} />
      </button>
    );
  }
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={saved}
      className={`inline-flex min-h-11 items-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${saved ? 'bg-brand-700 text-white hover:bg-brand-800' : 'border border-neutral-500 bg-white text-ink hover:border-brand-700 hover:text-brand-800'}`}
    >
      <BookmarkIcon filled={saved} />
      {saved ? 'In my lightbox' : 'Add to lightbox'}
    </button>
  );
}

/**
 * The page's one live region for lightbox changes. `toast`: fixed at the bottom of the screen (a
 * results page is long), with a link to the lightbox; `inline`: under the image page's button.
 */
export function LightboxStatus({ variant }: { variant: 'toast' | 'inline' }) {
  const state = useLightbox();
  const announcement = state.announcement;
  const link =
    state.activeName && state.imageCount > 0 ? (
      <a href={state.href} className="font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800">
        View {state.activeName} ({state.imageCount === 1 ? '1 image' : `${state.imageCount} images`})
      </a>
    ) : null;
  if (variant === 'inline') {
    return (
      <div className="mt-2 space-y-1 text-sm">
        <p role="status" aria-live="polite" className={announcement?.failed ? 'font-medium text-red-700' : 'text-neutral-700'}>
          {announcement?.text ?? ''}
        </p>
        {link}
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-20 flex justify-center px-4">
      {announcement ? (
        <p
          className={`pointer-events-auto flex max-w-xl flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border bg-white px-4 py-3 text-sm shadow-lg ${announcement.failed ? 'border-red-700 font-medium text-red-700' : 'border-neutral-300 text-ink'}`}
        >
          <span>{announcement.text}</span>
          {announcement.failed ? null : link}
        </p>
      ) : null}
    </div>
  );
}

function BookmarkIcon({ filled }: { filled: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
      <path d="M6 3h12a1 1 0 0 1 1 1v17l-7-4.5L5 21V4a1 1 0 0 1 1-1z" />
    </svg>
  );
}
