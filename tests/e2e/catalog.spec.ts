import { expect, test, type Page } from '@playwright/test';
import { e2eState } from './state';

const LIGHTHOUSE = 'Lighthouse at dusk over the harbour';
const FESTIVAL = 'Crowd at the midsummer street festival';
const UNPUBLISHED = 'Unreleased lighthouse study';

const results = (page: Page) => page.getByRole('region', { name: 'Results' });

test.describe('catalog', () => {
  test('a visitor searches from the home page by keyboard and opens an image', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const featured = page.getByRole('region', { name: 'New in the catalogue' }).getByRole('img');
    expect(await featured.count()).toBeGreaterThan(3);

    await page.getByLabel('What are you looking for?').focus();
    await page.keyboard.type('lighthouse');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=lighthouse/);
    await expect(results(page).getByRole('link', { name: LIGHTHOUSE })).toBeVisible();
    await expect(page.getByText(UNPUBLISHED)).toHaveCount(0);

    await results(page).getByRole('link', { name: LIGHTHOUSE }).click();
    await expect(page.getByRole('heading', { level: 1, name: LIGHTHOUSE })).toBeVisible();
    const preview = page.getByRole('img', { name: LIGHTHOUSE });
    await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(500);
    await expect(preview).toHaveAttribute('src', `/media/preview/${e2eState().lighthouseImageId}`);

    const prices = page.getByRole('table', { name: /Sizes, pixel dimensions and prices/ });
    // The fixture's original is 1,600 px: S and M (the original itself) are offered, no larger tier.
    const tierRow = (tier: string) => prices.getByRole('row', { name: new RegExp(`^${tier}\\b`) });
    await expect(tierRow('S')).toBeVisible();
    await expect(tierRow('M')).toContainText('Original size');
    await expect(tierRow('L')).toHaveCount(0);
    await expect(tierRow('XL')).toHaveCount(0);
    await expect(prices).toContainText('€');

    await page.getByRole('link', { name: 'harbour', exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=harbour/);
    await expect(results(page).getByRole('link', { name: LIGHTHOUSE })).toBeVisible();
  });

  test('filters narrow the results and the URL carries the whole query', async ({ page }) => {
    await page.goto('/search');
    await page.getByRole('group', { name: 'Model release' }).getByLabel('Editorial use only').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/release=editorial/);
    await expect(results(page).getByRole('link', { name: FESTIVAL })).toBeVisible();
    await expect(results(page).getByRole('link', { name: LIGHTHOUSE })).toHaveCount(0);

    // The address is the query: opening it afresh shows the same page.
    const shared = page.url();
    const again = await page.context().newPage();
    await again.goto(shared);
    await expect(results(again).getByRole('link', { name: FESTIVAL })).toBeVisible();
    await expect(again.getByRole('group', { name: 'Model release' }).getByLabel('Editorial use only')).toBeChecked();
  });

  test('pagination keeps the query and marks the current page', async ({ page }) => {
    await page.goto('/search?orientation=');
    const pages = page.getByRole('navigation', { name: 'Pages of results' });
    await expect(pages).toBeVisible();
    const hrefs = () =>
      results(page)
        .locator('a[href^="/images/"]')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    const firstPage = await hrefs();
    expect(firstPage.length).toBe(30);
    await pages.getByRole('link', { name: 'Page 2' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByRole('navigation', { name: 'Pages of results' }).getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
    const secondPage = await hrefs();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
  });

  test('unknown, unpublished and malformed image ids show the 404 page', async ({ page }) => {
    for (const id of ['999999999', String(e2eState().unpublishedImageId), 'abc', '-1', '1.5', '99999999999999999999']) {
      const response = await page.goto(`/images/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
    }
  });

  test('hostile search input returns a normal page with the text shown as text', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const inputs = ["' OR 1=1 --", '); drop table images; --', '<script>alert(1)</script>', 'é\u0301 \u202e ☃ \u{1F600}', 'x'.repeat(10_000)];
    for (const input of inputs) {
      const response = await page.goto(`/search?q=${encodeURIComponent(input)}&sort=${encodeURIComponent("1;drop")}&page=-3`);
      expect(response?.status(), input.slice(0, 20)).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('body')).not.toContainText(/syntax error|stack|at Object\./i);
    }
    await page.goto(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('<script>alert(1)</script>');
    expect(dialogs).toBe(0);
  });

  test('a comp downloads as a watermarked WebP with a sensible name', async ({ page }) => {
    await page.goto(`/images/${e2eState().lighthouseImageId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download comp' }).click()]);
    expect(download.suggestedFilename()).toBe(`stockroom-comp-${e2eState().lighthouseImageId}.webp`);
  });
});
