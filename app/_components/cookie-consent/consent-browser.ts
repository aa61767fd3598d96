import { useSyncExternalStore } from 'react';
import type { TCategoryScriptInPage } from '@/lib/cookie-consent/cookie-consent-config';
import { decodeStoredChoice, effectiveChoice, type TEffectiveChoice } from '@/lib/cookie-consent/cookie-choice';

/** Sent on window when a choice has been saved, so the banner, the loader and the settings page follow it. */
export const CHOICE_SAVED_EVENT = 'stockroom:cookie-choice';

export function readCookie(name: string): string | null {
  for (const pair of document.cookie.split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** Global Privacy Control: the request header the server saw, or the browser's own flag. */
export const browserSendsGpc = (headerSent: boolean) => headerSent || (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

function subscribeToChoice(onChange: () => void) {
  window.addEventListener(CHOICE_SAVED_EVENT, onChange);
  return () => window.removeEventListener(CHOICE_SAVED_EVENT, onChange);
}

/**
 * The choice that applies on this page, read from its cookie in the browser and again whenever a
 * choice is saved. Null while rendering on the server and hydrating: the server never knows it.
 */
export function useEffectiveChoice(choiceCookieName: string, revision: string, gpcHeader: boolean): TEffectiveChoice | null {
  const raw = useSyncExternalStore(
    subscribeToChoice,
    () => readCookie(choiceCookieName) ?? '',
    () => null,
  );
  if (raw === null) return null;
  return effectiveChoice(decodeStoredChoice(raw), revision, browserSendsGpc(gpcHeader));
}

/** Removes cookies by name, for this host and every parent domain a script may have set them on. */
export function removeCookies(names: readonly string[]) {
  const parts = location.hostname.split('.');
  const domains = [''];
  for (let index = 0; index < parts.length - 1; index += 1) domains.push(`; domain=.${parts.slice(index).join('.')}`);
  const paths = ['/', location.pathname];
  for (const name of names) {
    for (const domain of domains) for (const path of paths) document.cookie = `${name}=; Max-Age=0; path=${path}${domain}`;
  }
}

const loadedSelector = (category: string) => `script[data-cookie-category="${category}"]`;

export const isCategoryLoaded = (category: string) => document.querySelector(loadedSelector(category)) !== null;

/**
 * Adds a category's script to the page with the page's CSP nonce: the external file first (when
 * there is one), then the inline code. Created by script, so the policy's 'strict-dynamic' and the
 * nonce decide; nothing without the nonce could run.
 */
export function loadCategoryScript(script: TCategoryScriptInPage, nonce: string) {
  if (isCategoryLoaded(script.category)) return;
  const add = (fill: (element: HTMLScriptElement) => void) => {
    const element = document.createElement('script');
    element.nonce = nonce;
    element.dataset.cookieCategory = script.category;
    fill(element);
    document.head.appendChild(element);
  };
  if (script.src) add((element) => void ((element.src = script.src), (element.async = true)));
  if (script.code.trim()) add((element) => void (element.text = script.code));
}
