/**
 * Checklist 25 and 26: the header that once let requests skip Next's middleware changes nothing
 * (no check here lives in middleware), and a request from another site, to a server action or to
 * the sign-in route handler, does nothing.
 */
import { expect, test } from '@playwright/test';
import { createCustomer, withDb } from './customers';
import { rawRequest } from './raw-http';
import { createStaff, firstSignIn } from './staff-helpers';

const SUBREQUEST = 'middleware:middleware:middleware:middleware:middleware';

test('x-middleware-subrequest opens neither the back office nor My Account (checklist 25)', async () => {
  for (const value of [SUBREQUEST, 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware', 'proxy:proxy:proxy:proxy:proxy']) {
    const staffPage = await rawRequest({ path: '/staff/access-log', headers: { 'x-middleware-subrequest': value } });
    expect(staffPage.status).toBe(404);
    // My Account sends a guest to the sign-in page (a redirect in the response, or in its body once the page streams).
    const account = await rawRequest({ path: '/account', headers: { 'x-middleware-subrequest': value } });
    expect(account.status === 307 ? String(account.headers.location) : account.body).toContain('/login?');
    expect(account.body).not.toContain('Save my details');
  }
});

test('a server action replayed with a foreign or null Origin does nothing (checklist 26)', async ({ page }) => {
  test.slow();
  const admin = await createStaff('admin');
  await firstSignIn(page, admin, { totp: true });
  await page.goto('/staff/access-log');

  const network = `198.19.${Math.floor(Math.random() * 250)}.0/24`;
  const captured = page.waitForRequest((request) => request.method() === 'POST' && Boolean(request.headers()['next-action']));
  const blockForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Block', exact: true }) });
  await blockForm.getByLabel('Address or range').fill(network);
  await page.getByRole('button', { name: 'Block', exact: true }).click();
  const request = await captured;
  await expect(page.getByText(`${network} is blocked.`)).toBeVisible();
  const blocksOf = async () =>
    withDb(async (client) => Number((await client.query(`select count(*) from ip_blocks where network = $1::cidr`, [network])).rows[0].count));
  expect(await blocksOf()).toBe(1);

  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const replay = (origin: string | null) => {
    // As the browser sent it, to the host it sent it to (the raw client would name 127.0.0.1).
    const headers: Record<string, string> = { ...request.headers(), cookie, host: new URL(request.url()).host };
    delete headers.origin;
    if (origin) headers.origin = origin;
    return rawRequest({ path: new URL(request.url()).pathname, method: 'POST', headers, body: request.postData() ?? '' });
  };
  for (const origin of ['https://evil.example', 'null']) {
    const answer = await replay(origin);
    expect(answer.status, origin).toBeGreaterThanOrEqual(400);
  }
  expect(await blocksOf()).toBe(1);
  // The same request from this site does act again: the replay itself is sound.
  const same = await replay(new URL(page.url()).origin);
  expect(same.status).toBe(200);
  expect(await blocksOf()).toBe(2);
});

test('a cross-site POST to the sign-in route handler signs nobody in (checklist 26)', async () => {
  const customer = await createCustomer();
  const answer = await rawRequest({
    path: '/api/auth/callback/credentials',
    method: 'POST',
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: customer.email, password: customer.password, csrfToken: 'forged' }).toString(),
  });
  expect(String(answer.headers['set-cookie'] ?? '')).not.toContain('stockroom.session=');
  const sessions = await withDb(async (client) => (await client.query(`select count(*) from sessions where user_id = $1`, [customer.id])).rows[0].count);
  expect(Number(sessions)).toBe(0);
});
