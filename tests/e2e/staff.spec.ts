/**
 * The back office in Chromium against the production build: a staff member's first sign-in (PIN,
 * authenticator enrolment with codes computed by otplib from the key the page shows, recovery
 * codes), later sign-ins, what each role sees, 404s for everyone else, and blocks and allowlists
 * read from the client address our server stamps (behind the e2e server's trusted proxy).
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { E2E_TRUSTED_PROXY, rawRequest, UNTRUSTED_CLIENT } from './raw-http';
import { createStaff, firstSignIn, nextCodeFor, passwordStep, signOutOfBackOffice } from './staff-helpers';

test.describe('back office', () => {
  test('an admin enrols at first sign-in, then signs in with password, PIN and code, or a recovery code once', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    const { pin, secret, codes, usedCode } = await firstSignIn(page, admin, { totp: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Back office' });
    await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Access log', 'Audit trail']);
    await expectNoAxeViolations(page);
    await signOutOfBackOffice(page);

    // Password alone opens nothing: the back office still answers 404.
    await passwordStep(page, admin);
    await expect(page.getByRole('heading', { level: 1, name: 'Your PIN' })).toBeVisible();
    await expectNoAxeViolations(page);
    expect((await page.request.get('/staff')).status()).toBe(404);
    await page.getByLabel('PIN', { exact: true }).fill('00000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('That PIN is not right.');
    await page.getByLabel('PIN', { exact: true }).fill(pin);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Authenticator code' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Code from your authenticator app').fill(await nextCodeFor(secret, usedCode));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/staff');
    await signOutOfBackOffice(page);

    await passwordStep(page, admin);
    await page.getByLabel('PIN', { exact: true }).fill(pin);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/staff');
    await signOutOfBackOffice(page);
    await passwordStep(page, admin);
    await page.getByLabel('PIN', { exact: true }).fill(pin);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('That code is not right');
  });

  test('each role sees exactly its pages; guests, customers and other roles get 404, and the refusal is logged', async ({ page, browser }) => {
    test.slow();
    const pages = ['/staff', '/staff/access-log', '/staff/audit', '/staff/customers'];
    for (const path of pages) expect((await page.request.get(path)).status(), `guest ${path}`).toBe(404);

    const customer = await createCustomer();
    const customerContext = await browser.newContext();
    const customerPage = await customerContext.newPage();
    await signIn(customerPage, customer);
    for (const path of pages) expect((await customerPage.request.get(path)).status(), `customer ${path}`).toBe(404);
    await customerContext.close();

    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    await expect(page.getByRole('navigation', { name: 'Back office' }).getByRole('link')).toHaveText(['Dashboard']);
    await expectNoAxeViolations(page);
    expect((await page.request.get('/staff')).status()).toBe(200);
    expect((await page.request.get('/staff/access-log')).status()).toBe(404);
    expect((await page.request.get('/staff/audit')).status()).toBe(404);
    const refused = await withDb(async (client) =>
      (await client.query(`select target, outcome from access_log where user_id = $1 and kind = 'staff_request' order by id`, [sales.id])).rows,
    );
    expect(refused).toEqual(expect.arrayContaining([{ target: '/staff/access-log', outcome: 'forbidden' }, { target: '/staff/audit', outcome: 'forbidden' }]));
  });

  test('the access log page: filters, blocking and unblocking an address', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Access log' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Access log' })).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Staff sign-in');
    await expectNoAxeViolations(page);

    await page.getByLabel('Address or range', { exact: true }).first().fill('not an address');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('Enter an IP address or a range like 203.0.113.0/24.')).toBeVisible();

    const network = `198.18.${Math.floor(Math.random() * 250)}.0/24`;
    const blockForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Block', exact: true }) });
    await blockForm.getByLabel('Address or range').fill(network);
    await blockForm.getByLabel('Reason').fill('Scanning the sign-in form');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await expect(page.getByText(`${network} is blocked.`)).toBeVisible();
    await page.reload();
    const entry = page.getByRole('listitem').filter({ hasText: network });
    await expect(entry).toContainText('Scanning the sign-in form');
    await entry.getByRole('button', { name: 'Unblock' }).click();
    await expect(entry.getByRole('status')).toHaveText('The block is lifted.');
    await page.reload();
    await expect(page.getByRole('listitem').filter({ hasText: network })).toHaveCount(0);
  });

  test('blocks and allowlists apply to the forwarded address behind the trusted proxy; a forged X-Forwarded-For changes nothing', async ({ page }) => {
    test.slow();
    const sales = await createStaff('sales');
    await firstSignIn(page, sales, { totp: false });
    const cookieHeader = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const get = (from: string, forwardedFor?: string) =>
      rawRequest({ path: '/staff', from, headers: { cookie: cookieHeader, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) } });

    expect((await get(E2E_TRUSTED_PROXY, '192.0.2.44')).status).toBe(200);
    await withDb((client) => client.query(`insert into ip_blocks (network, source, reason, blocked_until) values ('192.0.2.44/32', 'manual', 'e2e', now() + interval '1 hour')`));
    expect((await get(E2E_TRUSTED_PROXY, '192.0.2.44')).status).toBe(404);
    // Checklist 8: a client that is itself blocked gains nothing by claiming another address.
    await withDb((client) => client.query(`insert into ip_blocks (network, source, reason, blocked_until) values ('127.0.0.1/32', 'manual', 'e2e', now() + interval '1 hour')`));
    try {
      expect((await get(UNTRUSTED_CLIENT, '192.0.2.45')).status).toBe(404);
    } finally {
      await withDb((client) => client.query(`delete from ip_blocks where network = '127.0.0.1/32'`));
    }
    expect((await get(UNTRUSTED_CLIENT, '192.0.2.45')).status).toBe(200);

    await withDb((client) => client.query(`insert into staff_allowlist (scope, user_id, network) values ('account', $1, '192.0.2.128/25')`, [sales.id]));
    expect((await get(E2E_TRUSTED_PROXY, '192.0.2.130')).status).toBe(200);
    expect((await get(E2E_TRUSTED_PROXY, '192.0.2.45')).status).toBe(404);
    // Checklist 9: an allowlisted address in a forged header from a client outside the list is refused.
    expect((await get(UNTRUSTED_CLIENT, '192.0.2.130')).status).toBe(404);
    await withDb((client) => client.query(`delete from staff_allowlist where user_id = $1`, [sales.id]));
    await withDb((client) => client.query(`delete from ip_blocks where network = '192.0.2.44/32'`));
  });
});
