/**
 * The inactive-accounts rule in Chromium against the production build: an admin switches it on on
 * the retention page (a refusal next to the field first), the privacy policy then describes it, and
 * switching it off removes the description again. Axe on the page. The setting is removed afterwards.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await withDb(async (client) => {
    await client.query(`delete from site_settings where key = 'privacy.inactiveAccounts'`);
  });
});

test('an admin switches the inactive-accounts rule on and off, and the privacy policy follows', async ({ page }) => {
  test.slow();
  const admin = await createStaff('admin');
  await firstSignIn(page, admin, { totp: true });

  await page.goto('/privacy');
  await expect(page.getByRole('article')).not.toContainText('neither sign in nor order');

  await page.goto('/staff/retention');
  const section = page.getByRole('region', { name: 'Inactive customer accounts' });
  await expect(section).toContainText('Off: accounts are kept however long they go unused.');
  await expectNoAxeViolations(page);

  const months = page.getByLabel('Erase customer accounts inactive for (months)');
  const warnDays = page.getByLabel('Warn by mail before erasing (days)');
  await expect(months).toHaveValue('');
  await months.fill('3');
  await page.getByRole('button', { name: 'Save the inactive-accounts rule' }).click();
  await expect(page.getByRole('main').getByRole('alert', { name: /Please correct/ })).toContainText('At least 6 months.');
  await expectNoAxeViolations(page);

  await page.getByLabel('Erase customer accounts inactive for (months)').fill('24');
  await warnDays.fill('30');
  await page.getByRole('button', { name: 'Save the inactive-accounts rule' }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'The daily job and the privacy policy follow the new rule' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Inactive customer accounts' })).toContainText('no sign-in and no order for 24 months');

  await page.goto('/privacy');
  await expect(page.getByRole('article')).toContainText('If you neither sign in nor order for 2 years, we erase your account');
  await expect(page.getByRole('article')).toContainText('We e-mail you 30 days before; signing in keeps your account.');

  await page.goto('/staff/retention');
  await page.getByLabel('Erase customer accounts inactive for (months)').fill('');
  await page.getByRole('button', { name: 'Save the inactive-accounts rule' }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.goto('/privacy');
  await expect(page.getByRole('article')).not.toContainText('neither sign in nor order');
});
