/**
 * The record of processing activities (art. 30) in Chromium against the production build: the
 * privacy officer opens it from the navigation (axe); sales gets the 404 and the refusal is logged.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { withDb } from './customers';
import { createStaff, firstSignIn } from './staff-helpers';

test.describe('record of processing activities', () => {
  test('the privacy officer reads the record: controller, measures and one activity per personal table', async ({ page }) => {
    test.slow();
    const officer = await createStaff('privacy_officer');
    await firstSignIn(page, officer, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Record of processing' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Record of processing activities' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Controller' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Technical and organisational measures (art. 32)' })).toBeVisible();
    const accounts = page.getByRole('article', { name: 'Customer and staff accounts' });
    await expect(accounts.getByRole('rowheader', { name: 'Legal basis' })).toBeVisible();
    await expect(accounts).toContainText('Art. 6(1)(b): needed to perform the contract with the person');
    await expect(accounts).toContainText('As long as the account exists');
    await expect(page.getByRole('article', { name: "Issued invoices and credit notes, immutable; buyer details as at issue" })).toContainText('10 years after issue');
    await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('sales staff get a 404 and no navigation entry, and the refusal is logged', async ({ page }) => {
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await expect(page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Record of processing' })).toHaveCount(0);
    expect((await page.request.get('/staff/privacy-records')).status()).toBe(404);
    const refused = await withDb(async (client) => (await client.query(`select target from access_log where user_id = $1 and kind = 'staff_request' order by id`, [sales.id])).rows);
    expect(refused).toEqual(expect.arrayContaining([{ target: '/staff/privacy-records' }]));
  });
});
