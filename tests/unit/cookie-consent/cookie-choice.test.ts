import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ACCEPT_ALL, REJECT_ALL } from '@/lib/cookie-consent/categories';
import { categoryCookiesOf, ZCategoryScript } from '@/lib/cookie-consent/category-scripts';
import { decodeStoredChoice, effectiveChoice, encodeStoredChoice } from '@/lib/cookie-consent/cookie-choice';
import { cacheablePage } from '@/lib/server/cacheable-pages';

const REVISION = '0a1b2c3d4e5f6a7b';
const OTHER_REVISION = 'ffffffffffffffff';
const statsOnly = { ...REJECT_ALL, statistics: true };

describe('the stored choice', () => {
  it('round-trips, and refuses anything else', () => {
    const stored = { revision: REVISION, choice: statsOnly, overridesGpc: true };
    expect(encodeStoredChoice(stored)).toBe(`1.${REVISION}.010.1`);
    expect(decodeStoredChoice(encodeStoredChoice(stored))).toEqual(stored);
    for (const bad of [null, '', `1.${REVISION}.01.1`, `2.${REVISION}.010.1`, `1.${REVISION}.010.1x`, `1.XYZ.010.1`]) expect(decodeStoredChoice(bad)).toBeNull();
  });
});

describe('effectiveChoice', () => {
  const stored = (choice = ACCEPT_ALL, overridesGpc = false, revision = REVISION) => ({ revision, choice, overridesGpc });

  it('asks when there is no choice, or one made under other texts (a new banner or policy version)', () => {
    expect(effectiveChoice(null, REVISION, false)).toEqual({ state: 'ask' });
    expect(effectiveChoice(stored(ACCEPT_ALL, false, OTHER_REVISION), REVISION, false)).toEqual({ state: 'ask' });
  });

  it('applies a choice made under the texts in force', () => {
    expect(effectiveChoice(stored(statsOnly), REVISION, false)).toEqual({ state: 'chosen', choice: statsOnly, gpc: false });
  });

  it('with Global Privacy Control: Reject all without asking, unless the choice was made in Cookie settings under the signal', () => {
    expect(effectiveChoice(null, REVISION, true)).toEqual({ state: 'gpc', choice: REJECT_ALL });
    expect(effectiveChoice(stored(ACCEPT_ALL), REVISION, true)).toEqual({ state: 'gpc', choice: REJECT_ALL });
    expect(effectiveChoice(stored(statsOnly, true), REVISION, true)).toEqual({ state: 'chosen', choice: statsOnly, gpc: true });
    expect(effectiveChoice(stored(statsOnly, true, OTHER_REVISION), REVISION, true)).toEqual({ state: 'gpc', choice: REJECT_ALL });
  });
});

describe('category scripts', () => {
  it('reads cookie lines as name, purpose and lifetime, and refuses malformed ones', () => {
    expect(categoryCookiesOf('_stats | Counts visits | 13 months\n\n b | c | d ')).toEqual([
      { name: '_stats', purpose: 'Counts visits', lifetime: '13 months' },
      { name: 'b', purpose: 'c', lifetime: 'd' },
    ]);
    expect(categoryCookiesOf('')).toEqual([]);
    for (const bad of ['only a name', 'a | b', 'a b | c | d', 'a | b | c | d', 'a=1 | b | c']) expect(categoryCookiesOf(bad)).toBeNull();
  });

  it('takes https addresses and paths of this site only', () => {
    const script = (src: string) => ZCategoryScript.safeParse({ name: 'x', src, code: '', cookies: '' }).success;
    expect(script('https://stats.example/tag.js')).toBe(true);
    expect(script('/stats/tag.js')).toBe(true);
    for (const bad of ['http://stats.example/tag.js', '//stats.example/tag.js', 'javascript:alert(1)', 'data:text/javascript,1', 'https://x.example/"><script>']) expect(script(bad)).toBe(false);
  });
});

describe('the page cache and cookie consent', () => {
  const request = (headers: Record<string, string>) => ({ method: 'GET', url: '/search', headers: { host: 'shop.example', ...headers } }) as unknown as IncomingMessage;

  it('shares pages with visitors who carry only the consent cookies (the page reads them in the browser)', () => {
    expect(cacheablePage(request({ cookie: `stockroom.consent-id=${'a'.repeat(8)}; stockroom.cookie-choice=1.${REVISION}.111.0` }))).not.toBeNull();
  });

  it("renders for a visitor carrying a category script's cookie", () => {
    expect(cacheablePage(request({ cookie: '_stats=1; stockroom.cookie-choice=x' }))).toBeNull();
  });

  it('keeps pages for browsers sending Global Privacy Control apart', () => {
    expect(cacheablePage(request({ 'sec-gpc': '1' }))?.key).not.toBe(cacheablePage(request({}))?.key);
    expect(cacheablePage(request({ 'sec-gpc': '0' }))?.key).toBe(cacheablePage(request({}))?.key);
  });
});
