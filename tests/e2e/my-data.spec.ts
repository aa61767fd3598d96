/**
 * My data in Chromium against the production build: the overview of everything held about the
 * person, one group with its entries, paging, a 404 for a table outside the map, and no secret
 * value on either page. "Download my data": the password again, the copy prepared by the worker,
 * downloaded signed in and unzipped.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { waitForMail } from './mailbox';

const main = (page: Page) => page.getByRole('main');

/** Presses Tab until `target` has focus: proves it is reachable by keyboard alone. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let press = 0; press < maxPresses; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Not reachable with ${maxPresses} presses of Tab: ${target}`);
}

async function addSearches(userId: string, count: number, prefix: string) {
  await withDb((client) =>
    client.query(
      `insert into activity_events (kind, subject_user_id, search_query, search_filters, ip)
       select 'search', $1, $2 || n, '{}'::jsonb, '198.51.100.9' from generate_series(1, $3::int) as n`,
      [userId, prefix, count],
    ),
  );
}

test.describe('My data', () => {
  test('a guest is sent to sign in', async ({ page }) => {
    for (const path of ['/account/data', '/account/data/users']) {
      await page.goto(path);
      await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === path);
    }
  });

  test('shows the person everything held, one group at a time, and never a secret', async ({ page }) => {
    const customer = await createCustomer({ marketing: true });
    const other = await createCustomer();
    await addSearches(customer.id, 60, 'own-search-');
    await addSearches(other.id, 3, 'other-search-');
    const passwordHash = await withDb(
      async (client) => (await client.query<{ password_hash: string }>('select password_hash from users where id = $1', [customer.id])).rows[0]!.password_hash,
    );

    await signIn(page, customer, '/account');
    const nav = page.getByRole('navigation', { name: 'My Account' });
    await tabTo(page, nav.getByRole('link', { name: 'My data' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === '/account/data');
    await expect(page.getByRole('heading', { level: 1, name: 'My data' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'My data' })).toHaveAttribute('aria-current', 'page');

    const users = main(page).getByRole('article', { name: 'Users' });
    await expect(users).toContainText('Customer and staff accounts');
    await expect(users).toContainText('Art. 6(1)(b)');
    await expect(users).toContainText('As long as the account exists');
    await expect(main(page).getByRole('article', { name: 'Consent ledger' })).toContainText('1 entry');
    await expect(main(page).getByRole('article', { name: 'Staff factors' })).toContainText('Nothing held');
    await expect(main(page).getByRole('link', { name: 'what deleting your account would erase and keep' })).toHaveAttribute('href', '/account/delete');
    await expect(page.locator('body')).not.toContainText(passwordHash);
    await expectNoAxeViolations(page);

    await tabTo(page, main(page).getByRole('link', { name: 'Users' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === '/account/data/users');
    const table = main(page).getByRole('table', { name: /^Users: your entries/ });
    await expect(table.getByRole('columnheader', { name: 'Full name' })).toBeVisible();
    await expect(table.getByRole('cell', { name: customer.email })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'Stored, not shown' }).first()).toBeVisible();
    await expect(page.locator('body')).not.toContainText(passwordHash);
    await expectNoAxeViolations(page);
    // On a phone the table scrolls inside its box; the page itself does not grow sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });

    // Activity pages through all 60 searches (and the sign-in), never another customer's.
    await page.goto('/account/data/activity_events');
    await expect(main(page).getByRole('table')).toContainText('own-search-60');
    await expect(main(page).getByText('Page 1 of 2').first()).toBeVisible();
    await tabTo(page, main(page).getByRole('navigation', { name: 'Pages (above the table)' }).getByRole('link', { name: /Next page/ }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === '/account/data/activity_events' && url.searchParams.get('page') === '2');
    await expect(main(page).getByRole('table')).toContainText('own-search-1');
    await expect(main(page)).not.toContainText('other-search-');
    await expectNoAxeViolations(page);
  });

  test('downloads a copy of everything after typing the password again', async ({ page, browser }) => {
    // The worker builds the copy and mails (it polls every 2 s), with axe passes, on two shared cores.
    test.setTimeout(120_000);
    const customer = await createCustomer();
    await signIn(page, customer, '/account/data');
    const section = main(page).getByRole('region', { name: 'Download my data' });
    await expect(section).toContainText('invoices and credit notes as PDFs');
    await expect(section).toContainText('kept encrypted for 7 days');
    await expectNoAxeViolations(page);

    await section.getByLabel('Your password').fill('not-my-password');
    await section.getByRole('button', { name: 'Download my data' }).click();
    await expect(section.getByText('That is not your current password.').first()).toBeVisible();
    await expectNoAxeViolations(page);

    await section.getByLabel('Your password').fill(customer.password);
    await section.getByRole('button', { name: 'Download my data' }).click();
    await expect(section.getByText('We are preparing a copy of your data and e-mail you when it is ready.')).toBeVisible();
    await expect(section.getByText('Preparing your copy.')).toBeVisible();
    await expectNoAxeViolations(page);

    const mail = await waitForMail({ to: customer.email, subject: /data is ready$/ }, 90_000);
    expect(mail.text).toContain('/account/data');
    await page.reload();
    const link = section.getByRole('link', { name: 'Download ZIP of your data' });
    await expect(link).toBeVisible();
    await expect(section.getByText('Your copy is ready')).toBeVisible();
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^stockroom-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['users.csv', 'data.json', 'index.html']));
    expect(Buffer.from(entries['users.csv']!).toString('utf8')).toContain(customer.email);

    // The same address in a browser that is not signed in: the sign-in page, no file.
    const href = await link.getAttribute('href');
    const visitor = await browser.newContext();
    const response = await visitor.request.get(new URL(href!, page.url()).toString(), { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['content-type'] ?? '').not.toContain('zip');
    await visitor.close();
  });

  test('a table outside the map is not found', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer, '/account/data');
    for (const path of ['/account/data/images', '/account/data/no_such_table', '/account/data/__proto__']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });
});
