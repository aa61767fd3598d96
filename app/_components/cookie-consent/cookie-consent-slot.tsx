import { headers } from 'next/headers';
import { cookieConsentConfig } from '@/lib/cookie-consent/cookie-consent-config';
import { CookieConsent } from './cookie-consent';

/**
 * The cookie consent of the root layout, rendered inside its own Suspense boundary so its settings
 * query never holds up the page's shell. The same for every visitor (the page cache may share the
 * page): the choice itself is read in the browser. The nonce is this response's (the page cache
 * swaps it in a stored copy); GPC is part of the page cache's key (lib/server/cacheable-pages.ts).
 */
export async function CookieConsentSlot() {
  const [requestHeaders, consent] = await Promise.all([headers(), cookieConsentConfig()]);
  return <CookieConsent config={consent} nonce={requestHeaders.get('x-nonce') ?? ''} gpcHeader={requestHeaders.get('sec-gpc') === '1'} />;
}
