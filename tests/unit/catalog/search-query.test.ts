import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEARCH_QUERY,
  normaliseSearchText,
  parseSearchQuery,
  searchHref,
  toSearchParams,
  ZSearchQuery,
} from '@/lib/catalog/search-query';

describe('parseSearchQuery', () => {
  it('defaults to everything, newest first, page 1', () => {
    expect(parseSearchQuery({})).toEqual({
      q: '',
      orientation: undefined,
      licence: undefined,
      people: undefined,
      release: undefined,
      sort: 'newest',
      page: 1,
    });
    expect(DEFAULT_SEARCH_QUERY).toEqual(parseSearchQuery({}));
    for (const input of [undefined, null, 'q=cat', 42, []]) expect(parseSearchQuery(input)).toEqual(DEFAULT_SEARCH_QUERY);
  });

  it('reads every field, from Next searchParams or URLSearchParams', () => {
    const expected = {
      q: 'red bicycle',
      orientation: 'portrait',
      licence: 'rights_managed',
      people: 'without',
      release: 'editorial',
      sort: 'newest',
      page: 3,
    };
    const fields = { q: 'red bicycle', orientation: 'portrait', licence: 'rights_managed', people: 'without', release: 'editorial', sort: 'newest', page: '3' };
    expect(parseSearchQuery(fields)).toEqual(expected);
    expect(parseSearchQuery(new URLSearchParams(fields))).toEqual(expected);
  });

  it('sorts by relevance when there are words, unless told otherwise; never by relevance without words', () => {
    expect(parseSearchQuery({ q: 'cat' }).sort).toBe('relevance');
    expect(parseSearchQuery({ q: 'cat', sort: 'newest' }).sort).toBe('newest');
    expect(parseSearchQuery({ sort: 'relevance' }).sort).toBe('newest');
    expect(parseSearchQuery({ q: '   ', sort: 'relevance' }).sort).toBe('newest');
  });

  it('takes the first of repeated parameters', () => {
    expect(parseSearchQuery({ q: ['first', 'second'], page: ['2', '9'], orientation: ['square', 'portrait'] })).toMatchObject({
      q: 'first',
      page: 2,
      orientation: 'square',
    });
    expect(parseSearchQuery(new URLSearchParams('q=a&q=b&licence=evil&licence=royalty_free'))).toMatchObject({ q: 'a', licence: undefined });
  });

  it('falls back to defaults for invalid values instead of failing', () => {
    const parsed = parseSearchQuery({
      q: { toString: () => 'object' },
      orientation: 'evil',
      licence: 'ROYALTY_FREE',
      people: 'yes',
      release: "released' --",
      sort: 'oldest',
      page: '-1',
    });
    expect(parsed).toEqual(DEFAULT_SEARCH_QUERY);
    for (const page of ['-1', 'abc', '0', '1.5', '1e3', '0x10', '1001', '99999999999999999999', '', '+2', 'Infinity', 'NaN']) {
      expect(parseSearchQuery({ page }).page, page).toBe(1);
    }
    expect(parseSearchQuery({ page: ' 12 ' }).page).toBe(12);
    expect(parseSearchQuery({ page: '1000' }).page).toBe(1000);
    expect(ZSearchQuery.safeParse({ page: 'abc' }).success).toBe(true);
  });

  it('is idempotent: a parsed query parses to itself', () => {
    const parsed = parseSearchQuery({ q: '  Sunset   over\tthe  sea ', orientation: 'landscape', page: '4', sort: 'newest' });
    expect(parseSearchQuery(parsed)).toEqual(parsed);
  });
});

describe('normaliseSearchText', () => {
  it('trims and collapses whitespace', () => {
    expect(normaliseSearchText('  red \n\t bicycle  ')).toBe('red bicycle');
    expect(normaliseSearchText('\u00a0cat\u2003dog\u3000')).toBe('cat dog');
  });

  it('caps the text at 200 characters, whatever the input size', () => {
    expect(normaliseSearchText('x'.repeat(10_000))).toBe('x'.repeat(200));
    expect(normaliseSearchText('x'.repeat(10_000_000))).toHaveLength(200);
    const words = normaliseSearchText('cat '.repeat(100));
    expect(words.length).toBeLessThanOrEqual(200);
    expect(words.endsWith(' ')).toBe(false);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const text = normaliseSearchText('📷'.repeat(300));
    expect(Array.from(text)).toHaveLength(200);
    expect(text.isWellFormed()).toBe(true);
  });

  it('turns NUL, control characters, lone surrogates and invisible characters into a harmless string', () => {
    expect(normaliseSearchText('a\u0000b')).toBe('a b');
    expect(normaliseSearchText('\u0000\u0001\u001f\u007f')).toBe('');
    expect(normaliseSearchText('\uD800lonely')).toBe('\uFFFDlonely');
    expect(normaliseSearchText('lonely\uDC00').isWellFormed()).toBe(true);
    expect(normaliseSearchText('\u202Egnp.exe')).toBe('gnp.exe');
    expect(normaliseSearchText('zero\u200bwidth')).toBe('zerowidth');
    expect(normaliseSearchText('private\uE000use')).toBe('privateuse');
  });

  it('folds compatibility forms (full-width letters, ligatures)', () => {
    expect(normaliseSearchText('ｃａｔ')).toBe('cat');
    expect(normaliseSearchText('ﬁsh')).toBe('fish');
  });

  it('keeps what people type, including quotes and markup, as text', () => {
    expect(normaliseSearchText("' OR 1=1 --")).toBe("' OR 1=1 --");
    expect(normaliseSearchText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(normaliseSearchText('café "old town" -tourists')).toBe('café "old town" -tourists');
  });

  it('returns an empty string for anything that is not a string', () => {
    for (const value of [undefined, null, 1, {}, [], true]) expect(normaliseSearchText(value)).toBe('');
  });
});

describe('toSearchParams', () => {
  it('writes the canonical query string: fixed order, defaults left out', () => {
    expect(toSearchParams(parseSearchQuery({}))).toBe('');
    expect(toSearchParams(parseSearchQuery({ q: 'cat' }))).toBe('q=cat');
    expect(toSearchParams(parseSearchQuery({ page: '2', release: 'released', q: 'red bicycle', orientation: 'square', sort: 'newest' }))).toBe(
      'q=red+bicycle&orientation=square&release=released&sort=newest&page=2',
    );
    expect(toSearchParams(parseSearchQuery({ q: 'cat', sort: 'relevance', page: '1' }))).toBe('q=cat');
    expect(toSearchParams(parseSearchQuery({ sort: 'newest', orientation: 'portrait' }))).toBe('orientation=portrait');
  });

  it('round-trips: parsing the string gives the same query back', () => {
    const inputs: Record<string, string>[] = [
      {},
      { q: 'cat' },
      { q: 'cat', sort: 'newest', page: '7' },
      { orientation: 'landscape', licence: 'royalty_free', people: 'with', release: 'released', page: '1000' },
      { q: '"old town" -tourists & café 100%', licence: 'rights_managed', people: 'without', release: 'editorial' },
      { q: "' OR 1=1 -- <script>&amp;#x27;\u0000\uD800" },
      { q: '  spaced   out  ', page: 'abc', orientation: 'evil' },
      { q: 'ｃａｔ ' + '🐈'.repeat(300) },
    ];
    for (const input of inputs) {
      const query = parseSearchQuery(input);
      const search = toSearchParams(query);
      expect(parseSearchQuery(new URLSearchParams(search)), search).toEqual(query);
      expect(toSearchParams(parseSearchQuery(new URLSearchParams(search)))).toBe(search);
    }
  });
});

describe('searchHref', () => {
  it('links to /search with the query and the given changes', () => {
    const query = parseSearchQuery({ q: 'cat', orientation: 'square', page: '3' });
    expect(searchHref(query)).toBe('/search?q=cat&orientation=square&page=3');
    expect(searchHref(query, { page: 4 })).toBe('/search?q=cat&orientation=square&page=4');
    expect(searchHref(query, { orientation: undefined, page: 1 })).toBe('/search?q=cat');
    expect(searchHref(parseSearchQuery({}))).toBe('/search');
  });
});
