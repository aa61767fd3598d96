/**
 * The settings and security-policy pages of the back office in Chromium against the production
 * build: an admin changes the watermark and the age of consent (the registration page shows the
 * new age at once), a bad value is marked next to its field, an allowlist entry that would lock
 * the admin out is refused, one containing the browser's address is added and removed; a privacy
 * officer sees the policy read-only. axe on each page. What a test changes it puts back.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Back office' });

test.describe('settings and security policy', () => {
  test('an admin changes the watermark text and the age of consent; the registration page shows the new age', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });
    try {
      await nav(page).getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await expectNoAxeViolations(page);

      const watermark = page.getByRole('region', { name: 'Preview watermark' });
      await watermark.getByLabel('Watermark text').fill('PROOF – NOT FOR USE');
      await watermark.getByLabel('Opacity').fill('2');
      await watermark.getByRole('button', { name: 'Save watermark' }).click();
      await expect(watermark.getByRole('alert')).toContainText('Please correct the marked fields.');
      await expect(watermark.getByText('Enter 0.9 or less.').last()).toBeVisible();
      await expect(watermark.getByLabel('Opacity')).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(page);
      await expect(watermark.getByLabel('Watermark text')).toHaveValue('PROOF – NOT FOR USE');
      await watermark.getByLabel('Position').selectOption('center');
      await watermark.getByLabel('Opacity').fill('0.4');
      await expect(watermark.getByLabel('Thumbnails')).toHaveValue('false');
      await watermark.getByLabel('Thumbnails').selectOption({ label: 'Without watermark' });
      await watermark.getByRole('button', { name: 'Save watermark' }).click();
      await expect(watermark.getByRole('status')).toHaveText('Saved. The change applies from now on.');
      await expect(watermark.getByLabel('Position')).toHaveValue('center');

      const accounts = page.getByRole('region', { name: 'Customer accounts' });
      await accounts.getByLabel('Age of digital consent').fill('14');
      await accounts.getByRole('button', { name: 'Save account settings' }).click();
      await expect(accounts.getByRole('status')).toHaveText('Saved. The change applies from now on.');

      await page.reload();
      await expect(page.getByRole('region', { name: 'Preview watermark' }).getByLabel('Watermark text')).toHaveValue('PROOF – NOT FOR USE');
      await expect(page.getByRole('region', { name: 'Preview watermark' }).getByLabel('Position')).toHaveValue('center');
      await expect(page.getByRole('region', { name: 'Preview watermark' }).getByLabel('Thumbnails')).toHaveValue('true');
      await expect(page.getByRole('region', { name: 'Customer accounts' }).getByLabel('Age of digital consent')).toHaveValue('14');

      const audit = await withDb(async (client) =>
        (await client.query(`select object_id, details from audit_trail where actor_user_id = $1 and action = 'settings.changed' order by id`, [admin.id])).rows,
      );
      expect(audit.map((row: { object_id: string }) => row.object_id)).toEqual(['media.cleanThumbnails', 'media.watermark', 'accounts.consentAge']);
      expect(audit[0].details.setting).toMatchObject({ key: 'media.cleanThumbnails', old: false, new: true });
      expect(audit[2].details.setting).toMatchObject({ key: 'accounts.consentAge', new: 14 });

      const visitor = await page.context().browser()!.newContext();
      const registration = await visitor.newPage();
      await registration.goto('/register');
      await expect(registration.getByText('I am 14 years or older.')).toBeVisible();
      await visitor.close();
    } finally {
      await withDb((client) => client.query(`delete from site_settings where key in ('media.watermark', 'media.cleanThumbnails', 'accounts.consentAge')`));
    }
  });

  test('an admin adds a site-wide allowlist entry with their address and removes it; one that would lock them out is refused', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });
    await nav(page).getByRole('link', { name: 'Security policy' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Security policy' })).toBeVisible();
    await expect(page.getByText('An empty list means no restriction.')).toBeVisible();
    await expectNoAxeViolations(page);

    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add to allowlist' }) });
    await form.getByLabel('Applies to').selectOption('site');
    await form.getByLabel('Address or range').fill('192.0.2.0/24');
    await form.getByRole('button', { name: 'Add to allowlist' }).click();
    await expect(form.getByRole('alert')).toContainText('This change would lock you out: your current address (127.0.0.1) would no longer be allowed.');
    await expectNoAxeViolations(page);
    expect((await withDb((client) => client.query(`select 1 from staff_allowlist where network = '192.0.2.0/24' and scope = 'site'`))).rowCount).toBe(0);

    await form.getByLabel('Address or range').fill('127.0.0.0/8');
    await form.getByLabel('Label').fill('This machine');
    await form.getByRole('button', { name: 'Add to allowlist' }).click();
    await expect(form.getByRole('status')).toHaveText('127.0.0.0/8 is on the allowlist.');
    const row = page.getByRole('row').filter({ hasText: '127.0.0.0/8' });
    try {
      await expect(row).toContainText('Every staff member');
      await expect(row).toContainText('This machine');
      // The admin is still in: the next request is allowed.
      expect((await page.request.get('/staff/security-policy')).status()).toBe(200);
      await expectNoAxeViolations(page);
      await row.getByRole('button', { name: 'Remove' }).click();
      await expect(page.getByRole('row').filter({ hasText: '127.0.0.0/8' })).toHaveCount(0);
    } finally {
      await withDb((client) => client.query(`delete from staff_allowlist where scope = 'site' and network = '127.0.0.0/8'`));
    }
  });

  test('a privacy officer sees the security policy read-only and gets 404 for the settings page', async ({ page }) => {
    test.slow();
    const officer = await createStaff('privacy_officer');
    await firstSignIn(page, officer, { totp: true });
    await expect(nav(page).getByRole('link', { name: 'Settings' })).toHaveCount(0);
    expect((await page.request.get('/staff/settings')).status()).toBe(404);
    await nav(page).getByRole('link', { name: 'Security policy' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Security policy' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Save|Add to allowlist|Remove/ })).toHaveCount(0);
    await expect(page.getByLabel('Idle timeout (minutes)')).toBeDisabled();
    await expectNoAxeViolations(page);
  });
});
