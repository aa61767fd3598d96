import 'server-only';
import { serverEnv } from '@/lib/env';

/** How long a cookie choice is kept before the banner asks again: 6 months. */
export const COOKIE_CHOICE_MAX_AGE_SECONDS = 182 * 86_400;

const isHttps = () => serverEnv().APP_URL.startsWith('https://');

/**
 * The anonymous consent id: random, HttpOnly; the ledger rows of this browser's choices carry it.
 * Set only when a choice is made, never on a first visit.
 */
export function consentIdCookie() {
  const secure = isHttps();
  return {
    name: secure ? '__Host-stockroom.consent-id' : 'stockroom.consent-id',
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: COOKIE_CHOICE_MAX_AGE_SECONDS },
  };
}

/** The choice itself (cookie-choice.ts), readable by the page's script, which decides what loads. */
export function cookieChoiceCookie() {
  const secure = isHttps();
  return {
    name: secure ? '__Host-stockroom.cookie-choice' : 'stockroom.cookie-choice',
    options: { httpOnly: false, sameSite: 'lax' as const, path: '/', secure, maxAge: COOKIE_CHOICE_MAX_AGE_SECONDS },
  };
}
