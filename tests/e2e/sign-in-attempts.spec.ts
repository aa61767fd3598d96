/**
 * My Account, "Sign-in attempts": the customer's own attempts with their outcome in words, an
 * empty state, never another customer's rows, and no accessibility violations (axe).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';

const attemptsTable = (page: Page) => page.getByRole('main').getByRole('table', { name: 'Sign-in attempts on your account, newest first' });

test.describe('Sign-in attempts in My Account', () => {
  test('a guest is sent to sign in first', async ({ page }) => {
    await page.goto('/account/attempts');
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/account/attempts');
  });

  test("lists the customer's own attempts with outcome, address and browser; never another customer's", async ({ page }) => {
    const customer = await createCustomer();
    const stranger = await createCustomer();
    // Another customer's attempt, from an address this test recognises.
    await withDb((client) =>
      client.query(`insert into access_log (kind, step, outcome, user_id, ip, browser, os) values ('customer_sign_in', 'password', 'invalid', $1, '203.0.113.77', 'Opera 99', 'Plan 9')`, [stranger.id]),
    );

    // One wrong password through the sign-in form, then the right one.
    await page.goto('/login');
    await page.getByLabel(/^E-mail/).fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(`${customer.password}-wrong`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('The e-mail address or password is not right.')).toBeVisible();
    await signIn(page, customer, '/account/attempts');

    await expect(page.getByRole('heading', { level: 1, name: 'Sign-in attempts' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'My Account' }).getByRole('link', { name: 'Sign-in attempts' })).toHaveAttribute('aria-current', 'page');
    const rows = attemptsTable(page).getByRole('row');
    // The header row, then newest first.
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('Signed in');
    await expect(rows.nth(2)).toContainText('Wrong password');
    for (const index of [1, 2]) {
      await expect(rows.nth(index)).toContainText(/127\.0\.0\.1|::1/);
      await expect(rows.nth(index)).toContainText(/Chrom/);
      await expect(rows.nth(index)).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    }
    await expect(page.getByRole('main')).not.toContainText('203.0.113.77');
    await expect(page.getByRole('main')).not.toContainText('Opera 99');

    await expectNoAxeViolations(page);
  });

  test('says so when there are no attempts', async ({ page }) => {
    const customer = await createCustomer();
    await signIn(page, customer, '/account/attempts');
    await withDb((client) => client.query('delete from access_log where user_id = $1', [customer.id]));
    await page.reload();
    await expect(page.getByRole('main').getByText('No sign-in attempts recorded yet.')).toBeVisible();
    await expect(attemptsTable(page)).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});
