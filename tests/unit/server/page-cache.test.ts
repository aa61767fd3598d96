import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config';
import { cacheablePage } from '@/lib/server/cacheable-pages';
import { HTML_LIMITED_BOTS, isHtmlLimitedBot } from '@/lib/server/html-limited-bots';
import { PageCache, pageWithNonce, storablePage, type TCachedPage } from '@/lib/server/page-cache';

const NONCE = 'AbCdEfGhIjKlMnOpQrStUv';
const rendered = (overrides: { statusCode?: number; headers?: Record<string, string | string[]>; body?: string } = {}) => ({
  statusCode: overrides.statusCode ?? 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'nonce-${NONCE}'`,
    'content-length': '999',
    date: 'Mon, 23 Nov 2026 19:00:00 GMT',
    vary: 'rsc, Accept-Encoding',
    ...overrides.headers,
  },
  body: Buffer.from(overrides.body ?? `<html><script nonce="${NONCE}">a()</script><p>Grüße</p><script nonce="${NONCE}">self.__next_f.push([1,"${NONCE}"])</script></html>`),
});
const store = (page = rendered()) => storablePage(page, { ttlMs: 30_000, now: 1_000 });

describe('storablePage', () => {
  it('keeps a guest page with its nonce cut out and drops per-response headers', () => {
    const page = store()!;
    expect(page.nonce).toBe(NONCE);
    expect(page.nonceOffsets).toHaveLength(3);
    for (const offset of page.nonceOffsets) expect(page.body.subarray(offset, offset + NONCE.length).toString()).toBe(NONCE);
    expect(page.headers.map(([name]) => name)).toEqual(['content-type', 'content-security-policy', 'vary']);
    expect(page.expiresAt).toBe(31_000);
    // The body and the spare copy it is served from.
    expect(page.bytes).toBe(2 * rendered().body.length);
  });

  it('keeps a page whose visitor-typed text only looks like the markers (React escapes quotes)', () => {
    const typed = `<h1>Images for “$RX(&quot;B:0&quot;) data-not-shared=&quot;&quot;”</h1><script nonce="${NONCE}"></script>`;
    expect(store(rendered({ body: typed }))).not.toBeNull();
  });

  it.each([
    ['a status other than 200', rendered({ statusCode: 404 })],
    ['a redirect', rendered({ statusCode: 307 })],
    ['a response that sets a cookie', rendered({ headers: { 'set-cookie': ['stockroom.session=x; Path=/'] } })],
    ['a response that is not HTML', rendered({ headers: { 'content-type': 'application/json' } })],
    ['a compressed response', rendered({ headers: { 'content-encoding': 'gzip' } })],
    ['a response without a nonce policy', rendered({ headers: { 'content-security-policy': "default-src 'none'" } })],
    ['a page whose streamed boundary failed ($RX)', rendered({ body: `<script nonce="${NONCE}">$RX("B:0","digest")</script>` })],
    ['a page with an errored boundary (data-dgst)', rendered({ body: `<template data-dgst="123"></template><script nonce="${NONCE}"></script>` })],
    ['a page that marks itself not shared', rendered({ body: `<div data-not-shared=""></div><script nonce="${NONCE}"></script>` })],
  ])('refuses %s', (_label, response) => {
    expect(store(response)).toBeNull();
  });
});

describe('pageWithNonce', () => {
  it.each([
    ['one of the same length', 'ZZZZZZZZZZZZZZZZZZZZ-_'],
    ['one of another length', 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ-_'],
  ])('puts a fresh nonce (%s) wherever the old one stood, in the body and the policy', (_label, fresh) => {
    const page = store()!;
    const served = pageWithNonce(page, fresh);
    const html = served.body.toString('utf8');
    expect(html).not.toContain(NONCE);
    expect(html.split(fresh)).toHaveLength(4);
    // The stored page is untouched, ready for the next request.
    expect(page.body.toString('utf8')).toBe(rendered().body.toString('utf8'));
    expect(html).toContain('<p>Grüße</p>');
    const policy = served.headers.find(([name]) => name === 'content-security-policy')![1] as string;
    expect(policy).toContain(`'nonce-${fresh}'`);
    expect(policy).not.toContain(NONCE);
    expect(html.replaceAll(fresh, NONCE)).toBe(rendered().body.toString('utf8'));
  });
});

describe('pageWithNonce, reusing the body', () => {
  const nonceN = (n: number) => `${String(n).repeat(22)}`.slice(0, 22);

  it('never touches a body that is still being sent, and reuses it once it has been', () => {
    const page = store()!;
    const first = pageWithNonce(page, nonceN(1));
    const second = pageWithNonce(page, nonceN(2));
    expect(second.body).not.toBe(first.body);
    expect(first.body.toString()).toContain(`nonce="${nonceN(1)}"`);
    expect(first.body.toString()).not.toContain(nonceN(2));

    first.sent();
    const third = pageWithNonce(page, nonceN(3));
    expect(third.body).toBe(first.body);
    expect(third.body.toString()).not.toContain(nonceN(1));
    expect(third.body.toString().split(nonceN(3))).toHaveLength(4);
    expect(second.body.toString()).toContain(`nonce="${nonceN(2)}"`);
    expect(page.body.toString()).toContain(NONCE);
  });
});

describe('PageCache', () => {
  const page = (bytes: number, expiresAt = Number.MAX_SAFE_INTEGER): TCachedPage => ({
    statusCode: 200,
    headers: [],
    body: Buffer.alloc(bytes),
    nonce: NONCE,
    nonceOffsets: [],
    spareBody: null,
    bytes,
    expiresAt,
  });

  it('serves a page until it expires, then forgets it', () => {
    const cache = new PageCache({ ttlMs: 30_000, maxBytes: 1_000 });
    cache.set('/search?q=a', page(10, 2_000));
    expect(cache.get('/search?q=a', 1_999)).toBeDefined();
    expect(cache.get('/search?q=a', 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('drops the least recently used pages once the bytes pass the limit', () => {
    const cache = new PageCache({ ttlMs: 30_000, maxBytes: 100 });
    cache.set('a', page(40));
    cache.set('b', page(40));
    cache.get('a');
    cache.set('c', page(40));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.bytes).toBe(80);
  });

  it('does not store a page larger than the whole cache, and replaces a page stored under the same key', () => {
    const cache = new PageCache({ ttlMs: 30_000, maxBytes: 100 });
    cache.set('huge', page(101));
    expect(cache.size).toBe(0);
    cache.set('a', page(30));
    cache.set('a', page(50));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(50);
  });
});

describe('cacheablePage', () => {
  const request = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, url, headers }) as unknown as IncomingMessage;

  it('takes a guest GET of a catalogue page, keyed by host, path and query', () => {
    const host = { host: 'shop.example' };
    expect(cacheablePage(request('/search?q=city&orientation=portrait', host))?.key).toBe('streamed shop.example/search?q=city&orientation=portrait');
    expect(cacheablePage(request('/', host))?.key).toBe('streamed shop.example/');
    expect(cacheablePage(request('/images/42', host))?.key).toBe('streamed shop.example/images/42');
    expect(cacheablePage(request('/images/42', { host: 'forged.example' }))?.key).toBe('streamed forged.example/images/42');
  });

  it('keeps what crawlers that read only HTML get apart from what everyone else gets', () => {
    const keyFor = (userAgent: string) => cacheablePage(request('/images/42', { host: 'shop.example', 'user-agent': userAgent }))?.key;
    const browser = keyFor('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36');
    const slackbot = keyFor('Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)');
    expect(slackbot).not.toBe(browser);
    expect(keyFor('Mozilla/5.0 (compatible; BINGBOT/2.0; +http://www.bing.com/bingbot.htm)')).toBe(slackbot);
    expect(keyFor('Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Storebot-Google/1.0) Chrome/126.0 Safari/537.36')).toBe(slackbot);
    // Googlebot runs scripts: Next streams its metadata as it does a browser's (tests/e2e/page-cache.spec.ts compares them).
    expect(keyFor('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(browser);
    expect(keyFor('curl/8.5')).toBe(browser);
    expect(cacheablePage(request('/images/42', { host: 'shop.example' }))?.key).toBe(browser);
  });

  it("decides which crawlers read only HTML with the list Next is configured with (next.config.ts)", () => {
    expect(nextConfig.htmlLimitedBots).toBe(HTML_LIMITED_BOTS);
    // Next keeps the source and adds the i flag itself; a g flag here would make the cache's test() stateful.
    expect(HTML_LIMITED_BOTS.flags).toBe('i');
    // Twice in a row, the same answer: test() keeps no position without a g flag.
    expect(isHtmlLimitedBot('facebookexternalhit/1.1')).toBe(true);
    expect(isHtmlLimitedBot('facebookexternalhit/1.1')).toBe(true);
    expect(isHtmlLimitedBot('')).toBe(false);
    expect(isHtmlLimitedBot(undefined)).toBe(false);
  });

  it('takes a guest who carries only cookies that change no page', () => {
    expect(cacheablePage(request('/search', { cookie: 'stockroom.csrf=abc; stockroom.login-email=a%40b.c' }))).not.toBeNull();
  });

  it.each([
    ['a signed-in customer', request('/search', { cookie: 'stockroom.session=token' })],
    ['a session cookie beside a neutral one', request('/search', { cookie: 'stockroom.csrf=abc; stockroom.session=token' })],
    ['an unknown cookie', request('/search', { cookie: 'lightbox=123' })],
    ['a POST (server action)', request('/search', {}, 'POST')],
    ['a HEAD', request('/search', {}, 'HEAD')],
    ["Next's router fetching a flight payload", request('/search?q=a', { rsc: '1' })],
    ["Next's router prefetching", request('/search?q=a', { 'next-router-prefetch': '1' })],
    ["Next's router state", request('/search?q=a', { 'next-router-state-tree': '%5B%5D' })],
    ['a browser prefetch', request('/search?q=a', { 'sec-purpose': 'prefetch' })],
    ['a server action', request('/', { 'next-action': 'abc' })],
    ['My Account', request('/account')],
    ['the sign-in page', request('/login')],
    ['a comp download', request('/images/42/comp')],
    ['an image file', request('/media/thumb/42')],
    ['a very long URL', request(`/search?q=${'a'.repeat(1100)}`)],
  ])('passes %s to the renderer', (_label, incoming) => {
    expect(cacheablePage(incoming)).toBeNull();
  });
});

describe('the visit a cached page records', () => {
  const visitOf = (url: string) => cacheablePage({ method: 'GET', url, headers: {} } as unknown as IncomingMessage)!.visit();

  it('is the search the page would have recorded: first page only, words or filters only', () => {
    expect(visitOf('/search?q=Lighthouse%20%20at%20dusk&orientation=portrait')).toEqual({
      kind: 'search',
      searchQuery: 'Lighthouse at dusk',
      searchFilters: { orientation: 'portrait', sort: 'relevance' },
    });
    expect(visitOf('/search?q=lighthouse&q=other')).toMatchObject({ searchQuery: 'lighthouse' });
    expect(visitOf('/search?q=lighthouse&page=2')).toBeNull();
    expect(visitOf('/search')).toBeNull();
    expect(visitOf('/')).toBeNull();
  });

  it('is a preview view for an image page, and nothing for a malformed id', () => {
    expect(visitOf('/images/42')).toEqual({ kind: 'preview_view', imageId: 42 });
    expect(visitOf('/images/%34%32')).toEqual({ kind: 'preview_view', imageId: 42 });
    expect(visitOf('/images/042')).toBeNull();
    expect(visitOf('/images/%E0%A4%A')).toBeNull();
  });
});
