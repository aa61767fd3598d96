import { describe, expect, it } from 'vitest';
import { RELEVANCE_WINDOW, SEARCH_COUNT_CAP, SEARCH_PAGE_SIZE, searchImages } from '@/lib/catalog/search-images';
import { forgetSearchCounts } from '@/lib/catalog/search-count-cache';
import { parseSearchQuery, toSearchParams } from '@/lib/catalog/search-query';
import type { TExecutor } from '@/lib/db/client';
import {
  createImage,
  createImages,
  inRolledBackTransaction,
  publishedMinutesAgo,
  searchToken,
} from '@/tests/helpers/catalog-factory';

const search = (params: Record<string, string>, executor?: TExecutor) => searchImages(parseSearchQuery(params), executor);
const idsOf = (result: { items: { id: number }[] }) => result.items.map((item) => item.id);

describe('searchImages: relevance', () => {
  it('ranks a word in the title above the same word in keywords, above it only in the description', async () => {
    const token = searchToken();
    // Publication order is the reverse of the expected ranking, so the newest-first tie-breaker cannot produce it.
    const inTitle = await createImage({ title: `Harbour ${token}`, publishedAt: publishedMinutesAgo(30) });
    const inKeywords = await createImage({ title: 'Harbour', keywords: ['boats', token], publishedAt: publishedMinutesAgo(20) });
    const inDescription = await createImage({
      title: 'Harbour',
      description: `Boats at dawn, ${token} light`,
      publishedAt: publishedMinutesAgo(10),
    });

    const result = await search({ q: token });

    expect(idsOf(result)).toEqual([inTitle, inKeywords, inDescription]);
    expect(result).toMatchObject({ total: 3, totalIsCapped: false, page: 1, pageCount: 1, textIgnored: false });
  });

  it('breaks ties in relevance by newest first', async () => {
    const token = searchToken();
    const older = await createImage({ title: `Field ${token}`, publishedAt: publishedMinutesAgo(10) });
    const newer = await createImage({ title: `Field ${token}`, publishedAt: publishedMinutesAgo(5) });

    expect(idsOf(await search({ q: token }))).toEqual([newer, older]);
  });

  it('finds words by their stem: "cats" finds "cat", "running" finds "runs"', async () => {
    const token = searchToken();
    const cat = await createImage({ title: `A cat asleep ${token}` });
    const runner = await createImage({ title: `She runs along the shore ${token}` });

    expect(idsOf(await search({ q: `cats ${token}` }))).toEqual([cat]);
    expect(idsOf(await search({ q: `running ${token}` }))).toEqual([runner]);
  });

  it('needs every word (websearch syntax), and supports "or" and -exclusion', async () => {
    const token = searchToken();
    const dogBeach = await createImage({ title: `Dog on a beach ${token}`, publishedAt: publishedMinutesAgo(3) });
    const dogPark = await createImage({ title: `Dog in a park ${token}`, publishedAt: publishedMinutesAgo(2) });
    const catBeach = await createImage({ title: `Cat on a beach ${token}`, publishedAt: publishedMinutesAgo(1) });

    expect(idsOf(await search({ q: `dog beach ${token}` }))).toEqual([dogBeach]);
    expect(new Set(idsOf(await search({ q: `${token} dog -beach` })))).toEqual(new Set([dogPark]));
    expect(new Set(idsOf(await search({ q: `${token} park or ${token} cat` })))).toEqual(new Set([dogPark, catBeach]));
  });

  it('treats a query of only stop words or punctuation as no text query', async () => {
    await inRolledBackTransaction(async (tx) => {
      const token = searchToken();
      await createImage({ title: `Newest of all ${token}`, publishedAt: publishedMinutesAgo(-1) }, tx);
      const withoutText = await search({}, tx);

      for (const q of ['the', 'and of the', '!!! ???', '" "', '-']) {
        const result = await search({ q }, tx);
        expect(result.textIgnored, q).toBe(true);
        expect(idsOf(result), q).toEqual(idsOf(withoutText));
        expect(result.total, q).toBe(withoutText.total);
      }
    });
  });
});

describe('searchImages: filters', () => {
  async function createVariety(token: string) {
    const title = `Variety ${token}`;
    return {
      landscape: await createImage({ title, width: 6000, height: 4000 }),
      portrait: await createImage({ title, width: 4000, height: 6000, peopleCount: 2 }),
      square: await createImage({ title, width: 5000, height: 5000, modelRelease: 'none', peopleCount: 1 }),
      rightsManaged: await createImage({ title, width: 3000, height: 2000, licenceModel: 'rights_managed', modelRelease: 'not_needed' }),
      editorialPortrait: await createImage({
        title,
        width: 2000,
        height: 3000,
        licenceModel: 'rights_managed',
        modelRelease: 'none',
        peopleCount: 5,
      }),
    };
  }

  it('applies each filter alone', async () => {
    const token = searchToken();
    const made = await createVariety(token);
    const found = async (filters: Record<string, string>) => new Set(idsOf(await search({ q: token, ...filters })));

    expect(await found({})).toEqual(new Set(Object.values(made)));
    expect(await found({ orientation: 'landscape' })).toEqual(new Set([made.landscape, made.rightsManaged]));
    expect(await found({ orientation: 'portrait' })).toEqual(new Set([made.portrait, made.editorialPortrait]));
    expect(await found({ orientation: 'square' })).toEqual(new Set([made.square]));
    expect(await found({ licence: 'royalty_free' })).toEqual(new Set([made.landscape, made.portrait, made.square]));
    expect(await found({ licence: 'rights_managed' })).toEqual(new Set([made.rightsManaged, made.editorialPortrait]));
    expect(await found({ people: 'with' })).toEqual(new Set([made.portrait, made.square, made.editorialPortrait]));
    expect(await found({ people: 'without' })).toEqual(new Set([made.landscape, made.rightsManaged]));
    expect(await found({ release: 'released' })).toEqual(new Set([made.landscape, made.portrait]));
    expect(await found({ release: 'editorial' })).toEqual(new Set([made.square, made.editorialPortrait]));
  });

  it('combines filters (all must hold)', async () => {
    const token = searchToken();
    const made = await createVariety(token);
    const found = async (filters: Record<string, string>) => new Set(idsOf(await search({ q: token, ...filters })));

    expect(await found({ orientation: 'portrait', release: 'editorial' })).toEqual(new Set([made.editorialPortrait]));
    expect(await found({ licence: 'royalty_free', people: 'with' })).toEqual(new Set([made.portrait, made.square]));
    expect(await found({ orientation: 'landscape', licence: 'rights_managed', people: 'without' })).toEqual(
      new Set([made.rightsManaged]),
    );
    expect(await found({ orientation: 'square', licence: 'rights_managed' })).toEqual(new Set());
    const all = await search({ q: token, orientation: 'portrait', licence: 'rights_managed', people: 'with', release: 'editorial' });
    expect(idsOf(all)).toEqual([made.editorialPortrait]);
    expect(all.total).toBe(1);
  });

  it('filters without words, newest first', async () => {
    await inRolledBackTransaction(async (tx) => {
      const token = searchToken();
      const square = { title: `Square ${token}`, width: 900, height: 900, modelRelease: 'none' } as const;
      // Published "in the future" (and rolled back) so these are the newest square, editorial images of all.
      const older = await createImage({ ...square, publishedAt: publishedMinutesAgo(-60) }, tx);
      const newer = await createImage({ ...square, publishedAt: publishedMinutesAgo(-61) }, tx);
      const result = await search({ orientation: 'square', release: 'editorial' }, tx);

      expect(idsOf(result).slice(0, 2)).toEqual([newer, older]);
      for (const item of result.items) expect(item).toMatchObject({ orientation: 'square', modelRelease: 'none' });
    });
  });
});

describe('searchImages: order and pages', () => {
  it('sorts by newest: published_at descending, then id descending', async () => {
    const token = searchToken();
    const at = publishedMinutesAgo(100);
    const oldest = await createImage({ title: `Oldest ${token} ${token}`, publishedAt: publishedMinutesAgo(200) });
    const sameTimeFirst = await createImage({ description: token, publishedAt: at });
    const sameTimeSecond = await createImage({ description: token, publishedAt: at });
    const newest = await createImage({ keywords: [token], publishedAt: publishedMinutesAgo(50) });

    const result = await search({ q: token, sort: 'newest' });

    expect(idsOf(result)).toEqual([newest, sameTimeSecond, sameTimeFirst, oldest]);
  });

  it('pages 31 matches as 30 + 1, for both orders, without repeating or losing one', async () => {
    const token = searchToken();
    const ids = await createImages(31, (index) => ({
      title: index % 2 === 0 ? `Page ${token}` : 'Page',
      description: index % 2 === 0 ? '' : token,
      publishedAt: publishedMinutesAgo(1000 - index),
    }));

    for (const sort of ['relevance', 'newest']) {
      const first = await search({ q: token, sort });
      const second = await search({ q: token, sort, page: '2' });
      expect(first).toMatchObject({ total: 31, totalIsCapped: false, pageCount: 2, page: 1 });
      expect(first.items).toHaveLength(SEARCH_PAGE_SIZE);
      expect(second).toMatchObject({ total: 31, pageCount: 2, page: 2 });
      expect(second.items).toHaveLength(1);
      expect(new Set([...idsOf(first), ...idsOf(second)])).toEqual(new Set(ids));
    }
    // Newest first: the oldest image is the one left for page 2.
    expect(idsOf(await search({ q: token, sort: 'newest', page: '2' }))).toEqual([ids[0]]);
  });

  it('answers a page past the end with no items and the real page count', async () => {
    const token = searchToken();
    await createImages(3, () => ({ title: `Few ${token}` }));

    for (const sort of ['relevance', 'newest']) {
      const result = await search({ q: token, sort, page: '7' });
      expect(result).toMatchObject({ items: [], total: 3, pageCount: 1, page: 7 });
    }
    expect(await search({ q: searchToken() })).toMatchObject({ items: [], total: 0, pageCount: 0, totalIsCapped: false });
  });
});

describe('searchImages: published only', () => {
  it('never returns an unpublished image', async () => {
    const token = searchToken();
    const published = await createImage({ title: `Shown ${token}` });
    await createImage({ title: `Hidden ${token}`, published: false });
    await createImage({ title: `Hidden too ${token}`, published: false, publishedAt: new Date() });

    for (const sort of ['relevance', 'newest']) {
      const result = await search({ q: token, sort });
      expect(idsOf(result)).toEqual([published]);
      expect(result.total).toBe(1);
    }
  });
});

describe('searchImages: the count cap', () => {
  it('counts to 10,000 and says "more", pages up to it, and keeps page order across the relevance window', async () => {
    await inRolledBackTransaction(async (tx) => {
      const token = searchToken();
      const count = SEARCH_COUNT_CAP + 2;
      // Oldest first; the word is only in descriptions, except in the titles of an old image (outside
      // the relevance window) and of a recent one (inside it).
      const ids = await createImages(
        count,
        (index) => ({
          title: index === 5 || index === count - 3 ? `Best ${token}` : 'Plain',
          description: `about ${token}`,
          publishedAt: publishedMinutesAgo(count - index, Date.UTC(2001, 0, 1)),
        }),
        tx,
      );
      const newestFirst = [...ids].reverse();

      const first = await search({ q: token }, tx);
      expect(first).toMatchObject({
        total: SEARCH_COUNT_CAP,
        totalIsCapped: true,
        pageCount: Math.ceil(SEARCH_COUNT_CAP / SEARCH_PAGE_SIZE),
      });
      expect(first.items).toHaveLength(SEARCH_PAGE_SIZE);
      // Relevance within the newest RELEVANCE_WINDOW matches: the title match inside it comes first.
      expect(first.items[0]?.id).toBe(ids[count - 3]);
      expect(idsOf(first)).not.toContain(ids[5]);

      const windowPages = RELEVANCE_WINDOW / SEARCH_PAGE_SIZE;
      const lastInWindow = await search({ q: token, page: String(windowPages) }, tx);
      const afterWindow = await search({ q: token, page: String(windowPages + 1) }, tx);
      const windowIds = new Set(newestFirst.slice(0, RELEVANCE_WINDOW));
      expect(lastInWindow.items).toHaveLength(SEARCH_PAGE_SIZE);
      for (const id of idsOf(lastInWindow)) expect(windowIds.has(id)).toBe(true);
      // After the window, matches continue newest first from the first one the window did not hold.
      expect(idsOf(afterWindow)).toEqual(newestFirst.slice(RELEVANCE_WINDOW, RELEVANCE_WINDOW + SEARCH_PAGE_SIZE));

      const newest = await search({ q: token, sort: 'newest', page: '2' }, tx);
      expect(newest).toMatchObject({ total: SEARCH_COUNT_CAP, totalIsCapped: true });
      expect(idsOf(newest)).toEqual(newestFirst.slice(SEARCH_PAGE_SIZE, 2 * SEARCH_PAGE_SIZE));

      expect(await search({ q: token, orientation: 'portrait' }, tx)).toMatchObject({ total: 0, totalIsCapped: false, items: [] });
    });
  });

  it('reports an exact total at the cap', async () => {
    await inRolledBackTransaction(async (tx) => {
      const token = searchToken();
      await createImages(SEARCH_COUNT_CAP, () => ({ keywords: [token] }), tx);
      expect(await search({ q: token }, tx)).toMatchObject({ total: SEARCH_COUNT_CAP, totalIsCapped: false, pageCount: 334 });
    });
  });
});

describe('searchImages: remembered counts', () => {
  it('reuses a recent count, while the results themselves are always read afresh', async () => {
    const token = searchToken();
    await createImage({ title: `Counted ${token}` });
    expect((await search({ q: token })).total).toBe(1);

    const added = await createImage({ title: `Counted ${token}` });
    const again = await search({ q: token });
    expect(again.total).toBe(1);
    expect(idsOf(again)).toContain(added);

    forgetSearchCounts();
    expect((await search({ q: token })).total).toBe(2);
  });

  it('never remembers a count made inside a transaction', async () => {
    const token = searchToken();
    await inRolledBackTransaction(async (tx) => {
      await createImage({ title: `Invisible ${token}` }, tx);
      expect((await search({ q: token }, tx)).total).toBe(1);
    });
    expect(await search({ q: token })).toMatchObject({ total: 0, items: [] });
  });
});

describe('searchImages: hostile input', () => {
  const hostile = [
    "' OR 1=1 --",
    '); drop table images; --',
    "'; delete from images where ''='",
    '<script>alert(1)</script>',
    'x'.repeat(10_000),
    'cat '.repeat(2_500),
    'a\u0000b',
    '\u0000',
    '\uD800lonely',
    'lonely\uDC00',
    '\u202Egnp.exe',
    'z\u0301\u0301\u0301\u0301',
    '🐈‍⬛ cat',
    '﷽',
    '"unclosed phrase',
    '-',
    '!(a & b) <-> c:*',
    'cat:A | dog:*B',
    '\\',
    '%_%',
  ];

  it('parses every hostile value into a sane query that searchImages runs', async () => {
    const token = searchToken();
    const mine = await createImage({ title: `Survivor ${token}` });
    for (const q of hostile) {
      const query = parseSearchQuery({ q, page: '-1', orientation: 'evil', sort: "relevance'; --" });
      expect(query.q.length).toBeLessThanOrEqual(200);
      expect(query.q).not.toContain('\u0000');
      expect(query.q.isWellFormed()).toBe(true);
      expect(query).toMatchObject({ page: 1, orientation: undefined });
      const result = await searchImages(query);
      expect(result.items.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE);
      expect(result.page).toBe(1);
      expect(toSearchParams(parseSearchQuery(new URLSearchParams(toSearchParams(query))))).toBe(toSearchParams(query));
    }
    // Nothing was dropped or deleted, and injected SQL matched nothing it should not.
    expect(idsOf(await search({ q: token }))).toEqual([mine]);
    const andInjection = await search({ q: `${token}' AND 1=1 --` });
    expect(idsOf(andInjection)).toEqual([]);
  });

  it('treats odd page and filter values as their defaults', async () => {
    for (const page of ['-1', 'abc', '0', '1.5', '1e3', '1001', '99999999999999999999', '', ' ']) {
      expect(parseSearchQuery({ page }).page, page).toBe(1);
    }
    const result = await search({ page: 'abc', orientation: 'evil', licence: 'free', people: 'maybe', release: 'x', sort: 'x' });
    expect(result.page).toBe(1);
    expect(result.items.length).toBeGreaterThan(0);
  });
});
