'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ACCEPT_ALL, REJECT_ALL, type TCookieChoice } from '@/lib/cookie-consent/categories';
import type { TCookieConsentConfig } from '@/lib/cookie-consent/cookie-consent-config';
import { ChoiceFields } from './choice-fields';
import { isCategoryLoaded, loadCategoryScript, removeCookies, useEffectiveChoice } from './consent-browser';
import { saveChoice } from './save-choice';

const BUTTON = 'inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700';
/** "Accept all" and "Reject all" look the same: neither is the easier one. */
const EQUAL = `${BUTTON} min-w-32 bg-brand-700 text-white shadow-sm hover:bg-brand-800`;
const QUIET = `${BUTTON} border border-neutral-300 bg-white text-ink hover:bg-neutral-50`;

/**
 * The cookie banner, its settings dialog and the loader of category scripts. The server renders it
 * the same for every visitor (the page cache may serve the page to anyone); the choice is read from
 * its cookie in the browser. Scripts load only for categories consented to, with this response's
 * nonce. Nothing of it runs in the back office.
 */
export function CookieConsent({ config, nonce, gpcHeader }: { config: TCookieConsentConfig; nonce: string; gpcHeader: boolean }) {
  const pathname = usePathname();
  const inBackOffice = pathname.startsWith('/staff');
  const effective = useEffectiveChoice(config.choiceCookieName, config.revision, gpcHeader);
  const [draft, setDraft] = useState<TCookieChoice>(REJECT_ALL);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  // Brings the page in line with the choice: scripts consented to are loaded; a category not
  // consented to loses its cookies, and a script of it already running goes with a reload.
  useEffect(() => {
    if (inBackOffice || effective === null) return;
    const allowed = effective.state === 'ask' ? REJECT_ALL : effective.choice;
    let reload = false;
    for (const script of config.scripts) {
      if (allowed[script.category]) {
        loadCategoryScript(script, nonce);
      } else {
        removeCookies(script.cookies.map((cookie) => cookie.name));
        if (isCategoryLoaded(script.category)) reload = true;
      }
    }
    if (reload) window.location.reload();
  }, [config.scripts, effective, inBackOffice, nonce]);

  const choose = async (choice: TCookieChoice) => {
    setBusy(true);
    setError(null);
    const failure = await saveChoice(choice, config.revision, 'banner');
    setBusy(false);
    if (failure) setError(failure);
    else dialog.current?.close();
  };

  if (inBackOffice || !config.bannerOn || effective?.state !== 'ask') return null;
  return (
    <section
      aria-labelledby="cookie-banner-heading"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-neutral-300 bg-white shadow-[0_-4px_12px_rgba(0,0,0,0.08)] print:hidden"
    >
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 sm:px-6 lg:flex-row lg:items-end lg:justify-between">
        <div className="max-w-3xl text-sm text-ink">
          <h2 id="cookie-banner-heading" className="text-base font-semibold">
            Cookies
          </h2>
          <div className="mt-1 space-y-2 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline" dangerouslySetInnerHTML={{ __html: config.bannerHtml }} />
          <p className="mt-2">
            <Link href="/cookies" prefetch={false} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              Cookie policy
            </Link>
          </p>
          {error ? (
            <p role="alert" className="mt-2 font-medium text-red-800">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="button" className={EQUAL} disabled={busy} onClick={() => void choose(ACCEPT_ALL)}>
            Accept all
          </button>
          <button type="button" className={EQUAL} disabled={busy} onClick={() => void choose(REJECT_ALL)}>
            Reject all
          </button>
          <button
            type="button"
            className={QUIET}
            disabled={busy}
            aria-haspopup="dialog"
            onClick={() => {
              setDraft(REJECT_ALL);
              dialog.current?.showModal();
            }}
          >
            Settings
          </button>
        </div>
      </div>
      <dialog ref={dialog} aria-labelledby="cookie-dialog-heading" className="m-auto w-full max-w-xl rounded-lg p-0 backdrop:bg-black/40">
        <form
          method="dialog"
          className="space-y-5 p-6"
          onSubmit={(event) => {
            event.preventDefault();
            void choose(draft);
          }}
        >
          <h2 id="cookie-dialog-heading" className="text-lg font-semibold text-ink">
            Cookie settings
          </h2>
          <ChoiceFields idPrefix="cookie-dialog" choice={draft} onChange={setDraft} scripts={config.scripts} />
          {error ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={EQUAL} disabled={busy}>
              Save my choice
            </button>
            <button type="button" className={QUIET} onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
