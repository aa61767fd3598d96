/**
 * Cookie consent in Chromium against the production build. An admin adds a test script per
 * category on /staff/cookies (each sets a cookie and marks window); then: the banner sets no
 * optional cookie and loads no script before a choice; "Reject all" sets none; "Accept all" loads
 * them with the response's CSP nonce, on a page from the page cache too; Sec-GPC: 1 shows no banner,
 * sets nothing and Cookie settings says the signal was honoured; a new banner version asks again;
 * withdrawing in Cookie settings removes the category's cookies. Axe on the banner, the dialog, the
 * settings page and the staff page; keyboard (focus, Escape). Pages used here are never plain
 * cacheable URLs other specs visit (a unique query each), and the scripts and versions are removed
 * afterwards, so the other specs see no banner.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe.configure({ mode: 'serial' });

const CATEGORIES = ['preferences', 'statistics', 'marketing'] as const;
const cookieOf = { preferences: 'e2e_pref', statistics: 'e2e_stats', marketing: 'e2e_mkt' } as const;
const codeFor = (category: (typeof CATEGORIES)[number]) =>
  `document.cookie = '${cookieOf[category]}=1; path=/; max-age=3600'; (window.__consentLoaded = window.__consentLoaded || []).push('${category}');`;

/** A search with results (so the page cache may keep it) that no other test asked for yet. */
const freshSearch = () => `/search?q=lighthouse&run=consent-${randomBytes(4).toString('hex')}`;

/** What the test scripts marked; null while the page is reloading (withdrawing reloads it). */
const loaded = (page: Page) => page.evaluate(() => (window as unknown as { __consentLoaded?: string[] }).__consentLoaded ?? []).catch(() => null);
const optionalCookies = async (context: BrowserContext) => (await context.cookies()).map((cookie) => cookie.name).filter((name) => name.startsWith('e2e_'));
const banner = (page: Page) => page.getByRole('region', { name: 'Cookies' });
const nonceOf = (header: string | undefined) => /'nonce-([^']+)'/.exec(header ?? '')?.[1];

async function removeTestConfiguration() {
  await withDb(async (client) => {
    await client.query(`delete from site_settings where key like 'cookies.%'`);
    await client.query(`delete from text_versions where key in ('texts.cookieBanner', 'texts.cookiePolicy')`);
  });
}

test.beforeAll(removeTestConfiguration);
test.afterAll(removeTestConfiguration);

test.describe('cookie consent', () => {
  test('without a category script there is no banner, and Cookie settings are still in every footer', async ({ page }) => {
    await page.goto(freshSearch());
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Cookie settings' })).toBeVisible();
    await expect(page.getByText('This site uses no optional cookies or scripts at present.')).toBeVisible();
    for (const path of ['/login', '/register', '/account']) {
      await page.goto(path);
      await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' })).toBeVisible();
    }
  });

  test('an admin adds a script per category on /staff/cookies; a refusal is shown next to its field', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Cookie scripts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cookie scripts' })).toBeVisible();
    await expectNoAxeViolations(page);

    const section = page.getByRole('region', { name: 'Statistics' });
    await section.getByLabel('Script address').fill('javascript:alert(1)');
    await section.getByLabel('Inline code').fill(codeFor('statistics'));
    await section.getByRole('button', { name: 'Save statistics script' }).click();
    await expect(section.getByLabel('Script address')).toHaveAccessibleDescription(/Enter an https:\/\/ address or a path on this site starting with \//);
    await expect(section.getByLabel('Name shown to visitors')).toHaveAccessibleDescription(/Name the script: visitors see the name in the cookie settings/);

    for (const category of CATEGORIES) {
      const form = page.getByRole('region', { name: category[0]!.toUpperCase() + category.slice(1) });
      await form.getByLabel('Name shown to visitors').fill(`E2E ${category}`);
      await form.getByLabel('Script address').fill('');
      await form.getByLabel('Inline code').fill(codeFor(category));
      await form.getByLabel('Cookies it sets').fill(`${cookieOf[category]} | E2E ${category} marker | 1 hour`);
      await form.getByRole('button', { name: `Save ${category} script` }).click();
      await expect(form.getByRole('status')).toContainText('Saved.');
    }
    const audited = await withDb(async (client) => (await client.query(`select count(*)::int as n from audit_trail where actor_user_id = $1 and action = 'settings.changed' and object_id like 'cookies.%'`, [admin.id])).rows[0].n);
    expect(audited).toBe(3);
  });

  test('the banner sets no optional cookie and loads no script; keyboard and axe on banner and dialog; Reject all sets none', async ({ page, context }) => {
    const response = await page.goto(freshSearch());
    expect(response!.status()).toBe(200);
    await expect(banner(page)).toBeVisible();
    await expect(banner(page).getByRole('button', { name: 'Accept all' })).toBeVisible();
    await expect(banner(page).getByRole('button', { name: 'Reject all' })).toBeVisible();
    // Equal weight: the two buttons look the same.
    const look = (name: string) =>
      banner(page)
        .getByRole('button', { name })
        .evaluate((button) => {
          const style = getComputedStyle(button);
          return [style.backgroundColor, style.color, style.fontSize, style.fontWeight, style.borderWidth, button.getBoundingClientRect().height];
        });
    expect(await look('Reject all')).toEqual(await look('Accept all'));
    expect(await loaded(page)).toEqual([]);
    await expect(page.locator('script[data-cookie-category]')).toHaveCount(0);
    expect(await optionalCookies(context)).toEqual([]);
    await expectNoAxeViolations(page);

    // Keyboard: Settings opens the dialog with focus inside; Escape closes it and focus returns.
    const settings = banner(page).getByRole('button', { name: 'Settings' });
    await settings.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cookie settings' });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await expect(dialog.getByLabel('Necessary (always on)')).toBeDisabled();
    await expect(dialog.getByLabel('Statistics')).not.toBeChecked();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(settings).toBeFocused();

    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(banner(page)).toHaveCount(0);
    const consentId = (await context.cookies()).find((cookie) => cookie.name.endsWith('stockroom.consent-id'))?.value;
    expect(consentId).toBeTruthy();
    const rows = await withDb(async (client) => (await client.query(`select purpose, action, text_sha256, subject_user_id from consent_ledger where consent_id = $1 order by id`, [consentId])).rows);
    expect(rows.map((row) => [row.purpose, row.action])).toEqual([
      ['cookie_preferences', 'withdrawn'],
      ['cookie_statistics', 'withdrawn'],
      ['cookie_marketing', 'withdrawn'],
    ]);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.text_sha256) && row.subject_user_id === null)).toBe(true);
    // Every cookie the browser now holds is one the cookie policy lists (from the registry in lib/).
    const listed = await (async () => {
      const probe = await context.newPage();
      await probe.goto('/cookies');
      const names = await probe.getByRole('region', { name: 'Necessary cookies' }).locator('tbody td.font-mono').allTextContents();
      await probe.close();
      return names;
    })();
    expect(listed.length).toBeGreaterThan(5);
    for (const cookie of await context.cookies()) expect(listed).toContain(cookie.name);


    await page.goto(freshSearch());
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
    expect(await loaded(page)).toEqual([]);
    expect(await optionalCookies(context)).toEqual([]);
  });

  test("Accept all loads every category's script with the response's nonce, on a page from the page cache too", async ({ page, context }) => {
    const url = freshSearch();
    await page.goto(url);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(banner(page)).toHaveCount(0);
    await expect.poll(async () => (await loaded(page))?.sort()).toEqual([...CATEGORIES].sort());
    expect((await optionalCookies(context)).sort()).toEqual(['e2e_mkt', 'e2e_pref', 'e2e_stats']);

    const consented = async () => {
      const nonce = nonceOf((await page.goto(url))!.headers()['content-security-policy']);
      expect(nonce).toBeTruthy();
      await expect.poll(async () => (await loaded(page))?.length).toBe(3);
      const nonces = await page.locator('script[data-cookie-category]').evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
      expect(nonces).toEqual([nonce, nonce, nonce]);
    };
    // A browser with its choice but none of the scripts' cookies is served from the page cache (the
    // consent cookies change no page): the copy carries the new response's nonce, and so do the scripts.
    const keep = (await context.cookies()).filter((cookie) => !cookie.name.startsWith('e2e_'));
    const fromCache: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document') fromCache.push(response.headers()['x-stockroom-cache'] ?? 'none');
    });
    // Each web process has its own cache: at most one miss per process before a hit.
    for (let visit = 0; visit < 6 && !fromCache.includes('hit'); visit += 1) {
      await context.clearCookies();
      await context.addCookies(keep);
      await consented();
    }
    expect(fromCache).toContain('hit');
  });

  test('a browser sending Sec-GPC: 1 gets no banner and no optional cookie; Cookie settings say the signal was honoured', async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    const page = await context.newPage();
    await page.goto(freshSearch());
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);
    expect(await loaded(page)).toEqual([]);
    expect(await optionalCookies(context)).toEqual([]);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    await expect(page.getByText(/Your browser sends the Global Privacy Control signal. We honoured it/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Cookie settings' }).getByLabel('Statistics')).not.toBeChecked();
    await expectNoAxeViolations(page);
    expect(await optionalCookies(context)).toEqual([]);

    // An explicit choice in Cookie settings applies instead of the signal.
    await page.getByRole('region', { name: 'Cookie settings' }).getByLabel('Statistics').check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your choice is saved' })).toBeVisible();
    await expect(page.getByText(/The choice below is the one you made here/)).toBeVisible();
    await expect.poll(() => loaded(page)).toEqual(['statistics']);
    expect(await optionalCookies(context)).toEqual(['e2e_stats']);
    await context.close();
  });

  test('withdrawing a category in Cookie settings removes its cookies; a new banner version asks again', async ({ page, context }) => {
    await page.goto(freshSearch());
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(async () => (await loaded(page))?.length).toBe(3);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    const settings = page.getByRole('region', { name: 'Cookie settings' });
    await expect(settings.getByLabel('Marketing')).toBeChecked();
    await expectNoAxeViolations(page);
    await settings.getByLabel('Marketing').uncheck();
    await settings.getByRole('button', { name: 'Save my choice' }).click();
    await expect.poll(async () => (await optionalCookies(context)).sort()).toEqual(['e2e_pref', 'e2e_stats']);
    // The page reloads without the withdrawn script.
    await expect.poll(async () => (await loaded(page))?.sort()).toEqual(['preferences', 'statistics']);
    await expect(settings.getByLabel('Marketing')).not.toBeChecked();

    // A new version of the banner text: asked again, and nothing optional loads until then.
    await withDb(async (client) => {
      await client.query(
        `insert into text_versions (key, version, body, effective_at, change_note, material) values ('texts.cookieBanner', 1, 'We now also count visits. Choose what you allow.', now() - interval '1 minute', 'E2E: new banner', false)`,
      );
    });
    await page.goto(freshSearch());
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText('We now also count visits.');
    expect(await loaded(page)).toEqual([]);
    expect(await optionalCookies(context)).toEqual([]);
  });
});
