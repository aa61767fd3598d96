/**
 * The inactive-accounts rule in Chromium against the production build: an admin switches it on on
 * the retention page (a refusal next to the field first), the dry run says it is off and then counts
 * what it would do, a logged run shows in Recent runs, the privacy policy then describes it, and
 * switching it off removes the description again. Axe on the page. The setting and the logged run
 * are removed afterwards.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await withDb(async (client) => {
    await client.query(`delete from site_settings where key = 'privacy.inactiveAccounts'`);
    await client.query(`delete from retention_runs where job = 'inactive-accounts'`);
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
  await page.getByRole('button', { name: 'Show a dry run' }).click();
  const dryRun = page.getByRole('region', { name: 'What the next run would do' });
  await expect(dryRun).toContainText('Inactive accounts are not warned or erased: the inactive-accounts rule is off.');
  await expect(dryRun.getByRole('list', { name: 'Accounts the inactive-accounts rule would warn or erase' })).toHaveCount(0);
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

  // The dry run counts instead (this database's customers are all recent: zeros).
  await page.goto('/staff/retention?preview=1');
  const counts = page.getByRole('list', { name: 'Accounts the inactive-accounts rule would warn or erase' });
  await expect(counts).toContainText('would warn 0 accounts by mail');
  await expect(counts).toContainText('would erase 0 accounts');
  await expect(counts).toContainText('would keep 0 inactive accounts with an unpaid invoice');
  await expect(page.getByRole('region', { name: 'What the next run would do' })).not.toContainText('the inactive-accounts rule is off');
  await expectNoAxeViolations(page);

  // A run of the daily job (05:55 UTC) as runInactiveAccounts logs it; the integration tests prove the logging itself.
  await withDb(async (client) => {
    await client.query(
      `insert into retention_runs (job, trigger, started_at, finished_at, account_counts) values ('inactive-accounts', 'schedule', now(), now(), $1)`,
      [JSON.stringify({ warned: 2, erased: 1, skippedUnpaid: 0, skippedRestricted: 1, failed: 0 })],
    );
  });
  await page.goto('/staff/retention');
  const run = page.getByRole('table', { name: 'Runs of the retention job and of the inactive-accounts rule, newest first' }).getByRole('row').filter({ hasText: 'Inactive accounts' });
  await expect(run).toHaveCount(1);
  await expect(run).toContainText('Daily job');
  await expect(run).toContainText('warned 2 accounts by mail');
  await expect(run).toContainText('erased 1 account');
  await expect(run).toContainText('kept 1 inactive account whose processing is restricted');
  await expect(run).not.toContainText('unpaid');
  await expectNoAxeViolations(page);

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
