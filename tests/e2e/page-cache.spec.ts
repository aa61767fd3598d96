/**
 * The guest page cache (lib/server/serve-with-page-cache.ts) against the production build: a
 * repeated guest search is served from the cache with a fresh nonce, still works in the browser and
 * still records the visit; signed-in customers and Next's router requests always get a render; a page
 * whose streamed results failed is never stored; crawlers that read only HTML get their own copy.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { storablePage } from '@/lib/server/page-cache';
import { createCustomer, signIn, withDb } from './customers';

const CACHE = 'x-stockroom-cache';

/** A search with results (the seeded lighthouse) that nobody else in the run makes, so its first request is always a miss. */
const uniqueSearch = () => `/search?q=lighthouse&run=${randomBytes(4).toString('hex')}`;

/**
 * Each web process keeps its own cache and a new connection may reach either one, so a page can miss
 * once per process before every process has it: ask until a hit (at most one miss per process).
 */
async function requestUntilHit(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const responses: APIResponse[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const response = await request.get(path, { headers });
    responses.push(response);
    if (response.headers()[CACHE] === 'hit') return { hit: response, responses };
  }
  throw new Error(`${path} was never served from the cache`);
}

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const SLACKBOT = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';
const LIGHTHOUSE = 'Lighthouse at dusk over the harbour';

const nonceOf = (response: APIResponse) => /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];

const searchVisits = (query: string) =>
  withDb(async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from activity_events where kind = 'search' and search_query = $1 and subject_user_id is null`,
      [query],
    );
    return Number(rows[0]!.n);
  });

test.describe('page cache', () => {
  test('a repeated guest search is served from the cache, with its own nonce in the policy and in every script', async ({ request }) => {
    const path = uniqueSearch();
    const { hit: second, responses } = await requestUntilHit(request, path);
    const first = responses[0]!;
    expect(first.status()).toBe(200);
    expect(second.status()).toBe(200);
    expect(first.headers()[CACHE]).toBe('miss');

    const [firstNonce, secondNonce] = [nonceOf(first), nonceOf(second)];
    expect(firstNonce).toBeTruthy();
    expect(secondNonce).toBeTruthy();
    expect(secondNonce).not.toBe(firstNonce);
    const [firstHtml, secondHtml] = [await first.text(), await second.text()];
    expect(secondHtml).not.toContain(firstNonce!);
    expect(secondHtml).toContain(`nonce="${secondNonce}"`);
    expect(secondHtml.replaceAll(secondNonce!, firstNonce!)).toBe(firstHtml);
    // The rest of the baseline headers survive the cache.
    expect(second.headers()['x-content-type-options']).toBe('nosniff');
    expect(second.headers()['set-cookie']).toBeUndefined();
  });

  test('a cached page hydrates under its policy: scripts carry the new nonce and client navigation works', async ({ page }) => {
    const path = uniqueSearch();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    // Once per process (see requestUntilHit), then the browser's document request must be a hit.
    let response = await page.goto(path);
    for (let attempt = 0; attempt < 5 && response?.headers()[CACHE] !== 'hit'; attempt++) response = await page.goto(path);
    expect(response?.headers()[CACHE]).toBe('hit');
    const nonce = /'nonce-([^']+)'/.exec(response?.headers()['content-security-policy'] ?? '')?.[1];
    const scriptNonces = await page.locator('script').evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    for (const scriptNonce of scriptNonces) expect(scriptNonce).toBe(nonce);
    await expect(page.getByRole('heading', { level: 1, name: 'Images for “lighthouse”' })).toBeVisible();

    await page.getByRole('link', { name: 'Stockroom', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'New in the catalogue' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('a search served from the cache is recorded like a rendered one', async ({ request }) => {
    // Finds the seeded lighthouse, and is a search text nobody else makes.
    const word = `lighthouse or zq${randomBytes(3).toString('hex')}`;
    const path = `/search?q=${encodeURIComponent(word)}`;
    const { responses } = await requestUntilHit(request, path);
    expect(responses.length).toBeGreaterThan(1);
    // Every view counts once, rendered (miss) or served from the cache (hit).
    await expect.poll(() => searchVisits(word)).toBe(responses.length);
    // Paging through a search is not a new search.
    await request.get(`${path}&page=2`);
    await request.get(`${path}&page=2`);
    await expect.poll(() => searchVisits(word)).toBe(responses.length);
  });

  test('a hit is compressed for a client that accepts gzip', async ({ request }) => {
    const path = uniqueSearch();
    const { hit: response } = await requestUntilHit(request, path, { 'accept-encoding': 'gzip' });
    expect(response.headers()['content-encoding']).toBe('gzip');
    expect(response.headers()['vary']).toMatch(/accept-encoding/i);
    // Playwright inflates the body it hands over.
    expect(await response.text()).toContain('<title>“lighthouse” images · Stockroom</title>');
  });

  test('a signed-in customer never gets the guest copy', async ({ page }) => {
    const path = uniqueSearch();
    await requestUntilHit(page.request, path);

    const customer = await createCustomer();
    await signIn(page, customer);
    const response = await page.goto(path);
    expect(response?.headers()[CACHE]).toBeUndefined();
    await expect(page.getByRole('link', { name: 'My account' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  });

  test("Next's router requests and unknown cookies are rendered, not cached", async ({ request }) => {
    const path = uniqueSearch();
    await requestUntilHit(request, path);
    const flight = await request.get(path, { headers: { rsc: '1' } });
    expect(flight.headers()[CACHE]).toBeUndefined();
    expect(flight.headers()['content-type']).toContain('text/x-component');
    const withCookie = await request.get(path, { headers: { cookie: 'someone-elses=1' } });
    expect(withCookie.headers()[CACHE]).toBeUndefined();
  });

  test('words that find nothing are never served from the cache, and every view is still recorded', async ({ request }) => {
    // A quick answer would tell whoever asks next that someone had just searched for these words.
    const word = `Jane Doe ${randomBytes(3).toString('hex')}`;
    const path = `/search?q=${encodeURIComponent(word)}`;
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await request.get(path, { headers: { connection: 'close' } });
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain('No images match');
      expect(response.headers()[CACHE]).toBe('miss');
    }
    await expect.poll(() => searchVisits(word)).toBe(4);
  });

  test('a page that is not found is not cached', async ({ request }) => {
    // A fresh connection each time, so every web process is asked at least once.
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await request.get('/images/999999998', { headers: { connection: 'close' } });
      expect(response.status()).toBe(404);
      expect(response.headers()[CACHE]).toBe('miss');
    }
  });

  test('a search whose results fail after the page has started streaming is never stored, and is again once they load', async ({ request }) => {
    const path = uniqueSearch();
    // The results query, inside search/loading.tsx's Suspense boundary, reads this column; the header,
    // the search box and the skeleton sent before it do not. A real failure, not a switch in the product.
    const renameModelRelease = (from: string, to: string) =>
      withDb(async (client) => {
        await client.query(`set lock_timeout = '5s'`);
        await client.query(`alter table images rename column ${from} to ${to}`);
      });
    await renameModelRelease('model_release', 'model_release_away');
    const failed: { response: APIResponse; body: Buffer }[] = [];
    try {
      // A fresh connection each time, so every web process is asked at least once.
      for (let attempt = 0; attempt < 4; attempt++) {
        const response = await request.get(path, { headers: { connection: 'close', 'user-agent': BROWSER } });
        failed.push({ response, body: await response.body() });
      }
    } finally {
      await renameModelRelease('model_release_away', 'model_release');
    }

    for (const { response, body } of failed) {
      // The shell went out with a 200 before the query failed: only the body tells.
      expect(response.status()).toBe(200);
      expect(response.headers()[CACHE]).toBe('miss');
      const html = body.toString('utf8');
      expect(html).toContain('data-search-skeleton');
      expect(html).not.toContain(LIGHTHOUSE);
      // React's instruction to render the boundary in the browser, where app/error.tsx shows.
      expect(html).toMatch(/\$RX\("B:\d+","\d+"\)/);
    }
    // The bytes Next sent, as the cache judged them.
    const { response, body } = failed[0]!;
    expect(storablePage({ statusCode: response.status(), headers: response.headers(), body }, { ttlMs: 30_000, now: Date.now() })).toBeNull();

    // The same URL, now rendered in full, is stored and served again.
    const { hit, responses } = await requestUntilHit(request, path, { 'user-agent': BROWSER });
    expect(responses[0]!.headers()[CACHE]).toBe('miss');
    expect(await hit.text()).toContain(LIGHTHOUSE);
  });

  test('Next renders a page for crawlers that read only HTML differently, and they never share its copy', async ({ request }) => {
    const path = uniqueSearch();
    // An unknown cookie passes every request to Next, so these are three fresh renders.
    const render = async (userAgent: string) => {
      const response = await request.get(path, { headers: { 'user-agent': userAgent, cookie: 'someone-elses=1' } });
      expect(response.headers()[CACHE]).toBeUndefined();
      return (await response.text()).replaceAll(nonceOf(response)!, 'NONCE');
    };
    const [browser, googlebot, slackbot] = [await render(BROWSER), await render(GOOGLEBOT), await render(SLACKBOT)];
    // If a Next upgrade renders script-running crawlers differently too, lib/server/cacheable-pages.ts
    // must key them apart.
    expect(googlebot).toBe(browser);
    expect(slackbot).not.toBe(browser);

    await requestUntilHit(request, path, { 'user-agent': BROWSER });
    expect((await request.get(path, { headers: { 'user-agent': GOOGLEBOT } })).headers()[CACHE]).toBe('hit');
    const first = await request.get(path, { headers: { 'user-agent': SLACKBOT } });
    expect(first.headers()[CACHE]).toBe('miss');
    expect((await first.text()).replaceAll(nonceOf(first)!, 'NONCE')).toBe(slackbot);
  });
});
