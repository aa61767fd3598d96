/**
 * Site texts and retention in Chromium against the production build: an admin edits the privacy
 * policy (preview, a refusal, publish, history, diff), sets a retention period and looks at a dry
 * run; a customer signing in afterwards is told the policy changed until they confirm it; sales
 * gets 404s. Axe on every new page. The versions and periods are removed afterwards, so the other
 * specs see the default texts.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await withDb(async (client) => {
    await client.query(`delete from text_versions`);
    await client.query(`delete from site_settings where key = 'privacy.retentionDays'`);
  });
});

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Back office' });

test.describe('site texts and retention', () => {
  test('an admin previews, publishes and compares versions of the privacy policy, and sets a retention period', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });

    await nav(page).getByRole('link', { name: 'Texts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Texts' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Privacy policy' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy policy' })).toBeVisible();
    await expect(page.getByText('No version published yet')).toBeVisible();
    await expectNoAxeViolations(page);

    const editor = page.getByLabel('Text (Markdown)');
    const original = await editor.inputValue();
    await editor.fill(`${original}\n\n## Contact\n\nWrite to **privacy@e2e.example** <script>alert(1)</script>`);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('#text-preview');
    await expect(preview.getByRole('heading', { level: 2, name: 'Contact' })).toBeVisible();
    await expect(preview.locator('strong')).toHaveText('privacy@e2e.example');
    await expect(preview.locator('script')).toHaveCount(0);
    // The periods are filled in as the site shows them.
    await expect(preview).toContainText('Searches, previews, comp downloads and sign-ins 12 months');

    await page.getByRole('button', { name: 'Publish new version' }).click();
    await expect(page.getByRole('alert', { name: /Please correct/ })).toContainText('Say in a sentence what changed');
    await expect(editor).toHaveValue(/## Contact/);

    await page.getByLabel('Change note').fill('We added how to reach our privacy contact');
    await page.getByLabel('Material change').check();
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published as version 1' })).toBeVisible();

    await editor.fill((await editor.inputValue()).replace('Write to', 'Please write to'));
    await page.getByLabel('Change note').fill('Friendlier wording');
    await page.getByLabel('Material change').uncheck();
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published as version 2' })).toBeVisible();

    await page.reload();
    const history = page.getByRole('table', { name: 'Versions of this text, newest first' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history.getByRole('row', { name: /We added how to reach our privacy contact/ })).toContainText('Yes');
    await page.getByRole('button', { name: 'Show differences' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy policy: version 1 → 2' })).toBeVisible();
    await expect(page.locator('[data-diff="removed"]')).toHaveText([/Write to \*\*privacy@e2e.example\*\*/]);
    await expect(page.locator('[data-diff="added"]')).toHaveText([/Please write to \*\*privacy@e2e.example\*\*/]);
    await expectNoAxeViolations(page);

    await page.goto('/privacy');
    await expect(page.getByRole('heading', { level: 2, name: 'Contact' })).toBeVisible();
    await expect(page.getByText(/Version v2 \(\d{4}-\d{2}-\d{2}\) #[0-9a-f]{8}/)).toBeVisible();

    await page.goto('/staff');
    await nav(page).getByRole('link', { name: 'Retention' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Retention' })).toBeVisible();
    await expectNoAxeViolations(page);
    const activity = page.getByLabel("Customers' searches, previews, comp downloads and sign-ins (days)");
    await activity.fill('20');
    await page.getByRole('button', { name: 'Save retention periods' }).click();
    await expect(page.getByRole('alert', { name: /Please correct/ })).toContainText('At least 30 days.');
    await page.getByLabel("Customers' searches, previews, comp downloads and sign-ins (days)").fill('200');
    await page.getByRole('button', { name: 'Save retention periods' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.getByRole('button', { name: 'Show a dry run' }).click();
    await expect(page.getByRole('list', { name: 'Dry run' })).toContainText('activity_events: would delete');
    await expect(page.getByRole('list', { name: 'Dry run' })).toContainText('past 200 days');
    await expectNoAxeViolations(page);

    await page.goto('/privacy');
    await expect(page.getByRole('article')).toContainText('Searches, previews, comp downloads and sign-ins 200 days');
  });

  test('a customer is told at the next sign-in that the policy changed, until they confirm it', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer);
    const notice = page.getByRole('region', { name: 'Our privacy policy changed' });
    await expect(notice).toContainText('We added how to reach our privacy contact');
    await expect(notice).not.toContainText('Friendlier wording');
    await expectNoAxeViolations(page);
    await notice.getByRole('link', { name: 'Read the privacy policy' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy policy' })).toBeVisible();
    await page.getByRole('region', { name: 'Our privacy policy changed' }).getByRole('button', { name: 'I have seen it' }).click();
    await expect(page.getByRole('region', { name: 'Our privacy policy changed' })).toHaveCount(0);
    await page.goto('/account');
    await expect(page.getByRole('region', { name: 'Our privacy policy changed' })).toHaveCount(0);
    const seen = await withDb(async (client) => (await client.query(`select privacy_notice_seen from users where id = $1`, [customer.id])).rows[0]);
    expect(seen).toEqual({ privacy_notice_seen: 2 });
  });

  test('sales staff get a 404 for the texts and retention pages, and no navigation entry', async ({ page }) => {
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await expect(nav(page).getByRole('link', { name: 'Texts' })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: 'Retention' })).toHaveCount(0);
    for (const path of ['/staff/texts', '/staff/texts/privacyPolicy', '/staff/texts/privacyPolicy/diff?from=1&to=2', '/staff/retention']) {
      expect((await page.request.get(path)).status()).toBe(404);
    }
  });
});
