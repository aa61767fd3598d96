/**
 * The back office in Chromium against the production build: a staff member's first sign-in (PIN,
 * authenticator enrolment with codes computed by otplib from the key the page shows, recovery
 * codes), later sign-ins, what each role sees, 404s for everyone else, and blocks and allowlists
 * read from the client address our server stamps (behind the e2e server's trusted proxy).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { createCustomer, signIn, withDb } from './customers';
import { E2E_TRUSTED_PROXY, rawRequest, UNTRUSTED_CLIENT } from './raw-http';
import { staffSections } from '../../lib/staff/navigation';
import { roleHasPermission, staffRoles, type TPermission } from '../../lib/staff/permissions';
import { seedOrder } from './orders';
import { createStaff, firstSignIn, nextCodeFor, passwordStep, signOutOfBackOffice } from './staff-helpers';
import { e2eState } from './state';

/** Staff routes that are not in the navigation, with the permission each needs. */
const STAFF_ROUTES_OUTSIDE_NAVIGATION: ReadonlyArray<TStaffRoute> = [
  { href: '/staff/audit/export', permission: 'audit.read' },
  { href: '/staff/catalog/new', permission: 'catalog.manage' },
  { href: '/staff/invoices/export', permission: 'orders.manage' },
  // POST only (the upload form's route): with no file, a role that may use it gets 400, everyone else the 404.
  { href: '/staff/catalog/upload', permission: 'catalog.manage', method: 'POST', allowedStatus: 400 },
  { href: '/staff/privacy-requests/new', permission: 'privacy.requests' },
];

type TStaffRoute = { href: string; permission: TPermission; target?: string; method?: 'POST'; allowedStatus?: number };

/** A route as the walk asks for it: a POST route with this site's Origin, as its form sends it. */
const requestRoute = (request: APIRequestContext, route: TStaffRoute) =>
  route.method === 'POST' ? request.post(route.href, { headers: { origin: new URL(e2eState().baseUrl).origin } }) : request.get(route.href);

/** security.totpRoles by default: these roles enrol an authenticator at first sign-in. */
const TOTP_ROLES_BY_DEFAULT: readonly string[] = ['superadmin', 'admin', 'privacy_officer'];

/** Every page and route under app/staff/(office) without a dynamic segment, as a path. */
function staticStaffPaths(dir = path.resolve('app/staff/(office)'), prefix = '/staff'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name.startsWith('[') || entry.name.startsWith('_') ? [] : staticStaffPaths(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name === 'page.tsx' || entry.name === 'route.ts' ? [prefix] : [];
  });
}

test.describe('back office', () => {
  test('an admin enrols at first sign-in, then signs in with password, PIN and code, or a recovery code once', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    const { pin, secret, codes, usedCode } = await firstSignIn(page, admin, { totp: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Back office' });
    await expect(nav.getByRole('link')).toHaveText(staffSections.filter((section) => roleHasPermission('admin', section.permission)).map((section) => section.label));
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

  test('each role sees exactly its pages and routes; guests, customers and other roles get 404, and each refusal is logged', async ({ page, browser }) => {
    test.setTimeout(240_000);
    const customer = await createCustomer();
    const colleague = await createStaff('catalog');
    const order = await seedOrder(customer.id);
    // Static routes, and one of each dynamic page with a real id (its refusal is logged under its pattern or its path).
    const routes: ReadonlyArray<TStaffRoute> = [
      ...staffSections,
      ...STAFF_ROUTES_OUTSIDE_NAVIGATION,
      { href: `/staff/customers/${customer.id}`, permission: 'customers.read' },
      { href: `/staff/catalog/${e2eState().unpublishedImageId}`, permission: 'catalog.manage' },
      { href: `/staff/staff-accounts/${colleague.id}`, permission: 'staff.manage', target: '/staff/staff-accounts/[userId]' },
      { href: `/staff/orders/${order.id}`, permission: 'orders.manage' },
      { href: `/staff/invoices/${e2eState().invoices.open.id}`, permission: 'orders.manage', target: '/staff/invoices/[id]' },
      { href: `/staff/invoices/${e2eState().invoices.creditNote.id}/pdf`, permission: 'orders.manage', target: '/staff/invoices/[id]/pdf' },
    ];
    expect(staticStaffPaths().filter((path) => !routes.some((route) => route.href === path))).toEqual([]);
    for (const route of routes) expect((await requestRoute(page.request, route)).status(), `guest ${route.href}`).toBe(404);

    const customerContext = await browser.newContext();
    const customerPage = await customerContext.newPage();
    await signIn(customerPage, customer);
    for (const route of routes) expect((await requestRoute(customerPage.request, route)).status(), `customer ${route.href}`).toBe(404);
    await customerContext.close();

    for (const role of staffRoles) {
      const staff = await createStaff(role);
      await firstSignIn(page, staff, { totp: TOTP_ROLES_BY_DEFAULT.includes(role) });
      const allowed = routes.filter((route) => roleHasPermission(role, route.permission));
      await expect(page.getByRole('navigation', { name: 'Back office' }).getByRole('link')).toHaveText(staffSections.filter((section) => roleHasPermission(role, section.permission)).map((section) => section.label));
      for (const route of routes) {
        expect((await requestRoute(page.request, route)).status(), `${role} ${route.href}`).toBe(allowed.includes(route) ? (route.allowedStatus ?? 200) : 404);
      }
      const refused = await withDb(async (client) => (await client.query<{ target: string }>(`select target from access_log where user_id = $1 and kind = 'staff_request' and outcome = 'forbidden'`, [staff.id])).rows.map((row) => row.target));
      expect(refused.sort(), role).toEqual(routes.filter((route) => !allowed.includes(route)).map((route) => route.target ?? route.href).sort());
      await signOutOfBackOffice(page);
    }
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

  test('the audit trail page: the sign-in is there, filters, the chain check and the CSV export', async ({ page }) => {
    test.slow();
    const admin = await createStaff('admin');
    await firstSignIn(page, admin, { totp: true });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Actor user id').fill(admin.id);
    await page.getByLabel('Action').fill('staff.');
    await page.getByRole('button', { name: 'Show entries' }).click();
    const table = page.getByRole('table');
    await expect(table).toContainText('staff.signed-in');
    await expect(table).toContainText('staff.totp-enrolled');

    await page.getByLabel('Action').fill('not an action!');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await expect(page.locator('#field-action-error')).toBeVisible();

    await page.getByRole('link', { name: 'Check the chain now' }).click();
    await expect(page.getByText(/^Intact: /)).toBeVisible();
    await expectNoAxeViolations(page);

    const csv = await page.request.get(`/staff/audit/export?actorUserId=${admin.id}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('staff.signed-in');
    expect((await page.request.get('/staff/audit/export')).headers()['cache-control']).toContain('no-store');
  });
});
