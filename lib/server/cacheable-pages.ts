import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TActivity } from '@/lib/activity/record-activity';
import { rememberedEmailCookie } from '@/lib/auth/remembered-email';
import { signInDeviceCookie } from '@/lib/auth/sign-in-device';
import { consentIdCookie, cookieChoiceCookie } from '@/lib/cookie-consent/consent-cookies';
import { callbackCookieName, csrfCookieName } from '@/lib/auth/sessions/session-cookie';
import { parseImageId } from '@/lib/catalog/image-id';
import { parseSearchQuery } from '@/lib/catalog/search-query';
import { searchVisitOf } from '@/lib/catalog/search-visit';
import { isPrefetch } from '@/lib/http/prefetch';
import { isHtmlLimitedBot } from './html-limited-bots';

/**
 * Which requests the page cache may answer: a guest's plain GET of a catalogue page, which looks the
 * same for every guest. What a page records about a visit (its activity row) is recorded for a page
 * served from the cache too, so the cache changes how fast a page arrives and nothing else.
 */

export type TCacheablePage = {
  key: string;
  /** The visit the page records when it is rendered, for a copy served from the cache to record too. */
  visit: () => TActivity | null;
};

type TRoute = { matches: (pathname: string) => boolean; visit: (url: URL) => TActivity | null };

const IMAGE_PATH = /^\/images\/([^/]+)$/;

const ROUTES: TRoute[] = [
  { matches: (pathname) => pathname === '/', visit: () => null },
  { matches: (pathname) => pathname === '/search', visit: (url) => searchVisitOf(parseSearchQuery(searchParamsRecord(url))) },
  {
    matches: (pathname) => IMAGE_PATH.test(pathname),
    visit: (url) => {
      // Next decodes the segment before the page sees it (/images/%34%32 is image 42).
      const imageId = parseImageId(decodedSegment(IMAGE_PATH.exec(url.pathname)?.[1]));
      return imageId === null ? null : { kind: 'preview_view', imageId };
    },
  },
];

/** Longer URLs are rendered every time: they are not repeated searches, and keys stay small. */
const MAX_URL_LENGTH = 1024;

/**
 * Cookies a guest may carry that change no catalogue page: next-auth's sign-in form state, the
 * remembered login name, the sign-in device cookie and the cookie choice with its consent id (the
 * page's script reads the choice in the browser; the server renders nothing from it). Cookies a
 * category script sets are not neutral: such a visitor's pages are rendered for them. Their names
 * depend only on APP_URL, so they are worked out once per process.
 */
let neutralCookies: Set<string> | undefined;
const pageNeutralCookies = () =>
  (neutralCookies ??= new Set([csrfCookieName(), callbackCookieName(), rememberedEmailCookie().name, signInDeviceCookie().name, consentIdCookie().name, cookieChoiceCookie().name]));

export function cacheablePage(request: IncomingMessage): TCacheablePage | null {
  if (request.method !== 'GET' || !request.url || request.url.length > MAX_URL_LENGTH) return null;
  if (!isDocumentRequest(request.headers) || !hasOnlyNeutralCookies(request.headers.cookie)) return null;
  let url: URL;
  try {
    url = new URL(request.url, 'http://stockroom.invalid');
  } catch {
    return null;
  }
  const route = ROUTES.find((candidate) => candidate.matches(url.pathname));
  if (!route) return null;
  return {
    // The host is part of the key, so a request with a forged Host header can only ever fill an entry
    // that nobody else asks for. Next renders a page for crawlers that read only HTML differently
    // (metadata in <head>, not streamed), and decides which those are by the same list (see
    // html-limited-bots.ts), so that is part of it too; the user agent changes nothing else Next
    // renders for these dynamic pages, so crawlers that run scripts share the browsers' copy. A page
    // that comes to depend on another request header (a language chosen from Accept-Language, say)
    // must add that header here.
    // Global Privacy Control (Sec-GPC: 1) changes the cookie consent the page starts with, so it is too.
    key: `${isHtmlLimitedBot(headerValue(request.headers, 'user-agent')) ? 'html-limited' : 'streamed'}${headerValue(request.headers, 'sec-gpc') === '1' ? ' gpc' : ''} ${request.headers.host ?? ''}${url.pathname}${url.search}`,
    visit: () => route.visit(url),
  };
}

/** A full HTML document: not Next's router fetching a flight payload, not a server action, not a prefetch. */
function isDocumentRequest(headers: IncomingHttpHeaders): boolean {
  if (headers.rsc !== undefined || headers['next-action'] !== undefined) return false;
  if (Object.keys(headers).some((name) => name.startsWith('next-router-'))) return false;
  return !isPrefetch((name) => headerValue(headers, name));
}

function hasOnlyNeutralCookies(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return true;
  const neutral = pageNeutralCookies();
  return cookieHeader.split(';').every((pair) => {
    const name = pair.split('=', 1)[0]!.trim();
    return name === '' || neutral.has(name);
  });
}

function searchParamsRecord(url: URL): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = record[name];
    record[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return record;
}

function decodedSegment(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
