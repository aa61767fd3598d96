import 'server-only';
import { rememberedEmailCookie } from '@/lib/auth/remembered-email';
import { signInDeviceCookie } from '@/lib/auth/sign-in-device';
import { callbackCookieName, csrfCookieName, sessionCookie } from '@/lib/auth/sessions/session-cookie';
import { purposeGrantCookie } from '@/lib/customers/purpose-grant';
import { pendingSignInCookie } from '@/lib/staff/sign-in/pending-sign-in';
import { guestVisitorCookie } from '@/lib/visitors/guest-visitor';
import { consentIdCookie, cookieChoiceCookie } from './consent-cookies';

export type TNecessaryCookie = { name: string; purpose: string; lifetime: string };

/**
 * Every cookie the shop itself sets, all strictly necessary, with the names the code that sets them
 * uses (the same functions). The cookie settings and the cookie policy page list them;
 * tests/e2e/cookie-consent.spec.ts checks that the browser holds no cookie of this site outside this
 * list and the category scripts' own lists. A new cookie must be added here.
 */
export function necessaryCookies(): TNecessaryCookie[] {
  return [
    { name: sessionCookie().name, purpose: 'Keeps you signed in (a random session id; the session itself is on our server).', lifetime: 'Until you close the browser, or with "Keep me signed in" until the session ends' },
    { name: csrfCookieName(), purpose: 'Protects the sign-in form against forged requests.', lifetime: 'Until you close the browser' },
    { name: callbackCookieName(), purpose: 'The page to return to after signing in.', lifetime: 'Until you close the browser' },
    { name: rememberedEmailCookie().name, purpose: 'Your e-mail address on the sign-in form, only when you tick "Remember my e-mail".', lifetime: '12 months' },
    { name: signInDeviceCookie().name, purpose: 'Recognises a browser that signed in to the account before, so protection against password guessing does not lock out its owner.', lifetime: '400 days' },
    { name: guestVisitorCookie().name, purpose: 'Keeps the lightbox and cart of a visitor who is not signed in.', lifetime: 'Until you close the browser' },
    { name: consentIdCookie().name, purpose: 'The anonymous id under which your cookie choice is recorded as proof.', lifetime: '6 months' },
    { name: cookieChoiceCookie().name, purpose: 'Your cookie choice, so the banner is not shown again.', lifetime: '6 months' },
    { name: pendingSignInCookie().name, purpose: 'Staff only: the step between password and second factor while signing in.', lifetime: '5 minutes' },
    { name: purposeGrantCookie('').name, purpose: "Staff only: the purpose a staff member gave for opening a customer's record.", lifetime: '15 minutes' },
  ];
}
