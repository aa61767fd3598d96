/**
 * Two web processes on one database: what staff security decides in one holds in the other at the
 * next request — a block, a session ended, a used authenticator step, an allowlist change — and a
 * catalog change made in one shows in the other at once, though the other had cached the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

function startSecondServer() {
  let output = '';
  const server = spawn('tsx', ['--import', './scripts/register-hooks.mjs', 'tests/e2e/second-server.ts', String(SECOND_PORT), e2eState().databaseUrl], {
    env: childEnv({ WEB_CONCURRENCY: '1', ...e2eState().sharedEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  return {
    serving: () => waitUntilServing(server, () => output),
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}

test('a block, an ended session, a used code and an allowlist change hold in both processes', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const server = startSecondServer();
  try {
    await server.serving();
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
    await server.stop();
  }
});

test('a publish and a withdrawal in one process show in the other at once, past its page cache and search counts', async ({ page }) => {
  test.setTimeout(300_000);
  const server = startSecondServer();
  try {
    await server.serving();
    const word = `zq${randomBytes(5).toString('hex').replace(/[0-9]/g, 'k')}`;
    const insertImage = (title: string, published: boolean) =>
      withDb(async (client) => {
        const { rows } = await client.query<{ id: string }>(
          `insert into images (title, width, height, licence_model, model_release, published, published_at) values ($1, 1200, 800, 'rights_managed', 'not_needed', $2, case when $2 then now() end) returning id`,
          [title, published],
        );
        return Number(rows[0]!.id);
      });
    // One picture with the word is in the shop (a search that finds nothing is never cached), the other not yet.
    await insertImage(`Mill pond ${word}`, true);
    const imageId = await insertImage(`Windmill ${word}`, false);
    // A guest's search in the second process: cached there, with its count, until something clears it.
    const search = `/search?q=${word}`;
    const onSecond = (path: string) => rawRequestTo(SECOND_PORT, { path });
    const before = await onSecond(search);
    expect(before.body).toContain(`Mill pond ${word}`);
    expect(before.body).not.toContain(`Windmill ${word}`);
    expect((await onSecond(search)).headers['x-stockroom-cache']).toBe('hit');

    const catalog = await createStaff('catalog');
    await firstSignIn(page, catalog, { totp: false });
    await page.goto(`/staff/catalog/${imageId}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByText('Published: the image is in the shop now.')).toBeVisible();
    // The second process hears the commit within moments; well inside the cache's 30 s.
    await expect.poll(async () => (await onSecond(search)).body, { timeout: 5_000, intervals: [100] }).toContain(`Windmill ${word}`);
    const page2 = await onSecond(`/images/${imageId}`);
    expect(page2.status).toBe(200);
    expect((await onSecond(`/images/${imageId}`)).headers['x-stockroom-cache']).toBe('hit');

    await page.getByRole('button', { name: 'Withdraw from the shop' }).click();
    await expect(page.getByText('Withdrawn: the image is no longer in the shop.')).toBeVisible();
    await expect.poll(async () => (await onSecond(`/images/${imageId}`)).status, { timeout: 5_000, intervals: [100] }).toBe(404);
    expect((await onSecond(search)).body).not.toContain(`Windmill ${word}`);
  } finally {
    await server.stop();
  }
});
