/**
 * Two web processes on one database: what staff security decides in one holds in the other at the
 * next request — a block, a session ended, a used authenticator step, an allowlist change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { childEnv, testEnv } from '@/lib/env';
import { withDb } from './customers';
import { E2E_TRUSTED_PROXY, rawRequestTo } from './raw-http';
import { createStaff, firstSignIn, nextCodeFor, passwordStep } from './staff-helpers';
import { e2eState } from './state';

const SECOND_PORT = testEnv().E2E_PORT + 18;
const SECOND = `http://localhost:${SECOND_PORT}`;

async function waitUntilServing(server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The second server stopped: ${output()}`);
    const answered = await rawRequestTo(SECOND_PORT, { path: '/robots.txt' }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The second server did not answer in time: ${output()}`);
}

test('a block, an ended session, a used code and an allowlist change hold in both processes', async ({ page, browser }) => {
  test.setTimeout(300_000);
  let output = '';
  const server = spawn('tsx', ['--import', './scripts/register-hooks.mjs', 'tests/e2e/second-server.ts', String(SECOND_PORT), e2eState().databaseUrl], {
    env: childEnv({ WEB_CONCURRENCY: '1', ...e2eState().sharedEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    await waitUntilServing(server, () => output);
    const admin = await createStaff('admin');
    // Signed in through the first process.
    const { pin, secret, usedCode } = await firstSignIn(page, admin, { totp: true });
    const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const onSecond = (forwardedFor = '192.0.2.90') =>
      rawRequestTo(SECOND_PORT, { path: '/staff', from: E2E_TRUSTED_PROXY, headers: { cookie, 'x-forwarded-for': forwardedFor } });
    expect((await onSecond()).status).toBe(200);

    // A block made through the first process's page refuses the address in the second.
    await page.goto('/staff/access-log');
    const blockForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Block', exact: true }) });
    await blockForm.getByLabel('Address or range').fill('192.0.2.90');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await expect(page.getByText('192.0.2.90/32 is blocked.')).toBeVisible();
    expect((await onSecond('192.0.2.90')).status).toBe(404);
    expect((await onSecond('192.0.2.91')).status).toBe(200);

    // An allowlist change refuses the next request there too, and its removal lets it back.
    await withDb((client) => client.query(`insert into staff_allowlist (scope, role, network) values ('role', 'admin', '192.0.2.128/25')`));
    try {
      expect((await onSecond('192.0.2.91')).status).toBe(404);
      expect((await onSecond('192.0.2.130')).status).toBe(200);
    } finally {
      await withDb((client) => client.query(`delete from staff_allowlist where scope = 'role' and role = 'admin' and network = '192.0.2.128/25'`));
    }
    expect((await onSecond('192.0.2.91')).status).toBe(200);

    // A code used in one process is refused in the other.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/staff/login');
    // The second process finds the session ended and sends the browser back to the staff sign-in.
    const ended = await onSecond('192.0.2.91');
    expect(ended.status).toBe(307);
    expect(ended.headers.location).toContain('/staff/login?reason=session-ended');
    const code = await nextCodeFor(secret, usedCode);
    await passwordStep(page, admin);
    await page.getByLabel('PIN', { exact: true }).fill(pin);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Code from your authenticator app').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/staff');

    const second = await browser.newContext({ baseURL: SECOND });
    const secondPage = await second.newPage();
    await passwordStep(secondPage, admin);
    await secondPage.getByLabel('PIN', { exact: true }).fill(pin);
    await secondPage.getByRole('button', { name: 'Continue' }).click();
    await secondPage.getByLabel('Code from your authenticator app').fill(code);
    await secondPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(secondPage.getByRole('main').getByRole('alert')).toContainText('That code is not right');
    await second.close();
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
});
