import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { childEnv, testEnv } from '@/lib/env';

/**
 * The dev mailbox in the demo: open to a direct request from this machine, closed to one that came
 * through a proxy. Next.js adds x-forwarded-* to every request it hands a page, so the guard must
 * read what our web server stamped before that (it once read Next's copy and stayed shut in the demo).
 */
const PORT = testEnv().E2E_PORT + 17;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: PORT, path, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

async function waitUntilServing(server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The demo-mode server stopped: ${output()}`);
    const answered = await get('/robots.txt').then(
      (response) => response.status === 200,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The demo-mode server did not answer in time: ${output()}`);
}

test('the demo without SMTP shows the dev mailbox to this machine, never through a proxy', async () => {
  test.setTimeout(240_000);
  let output = '';
  const server = spawn('tsx', ['--import', './scripts/register-hooks.mjs', 'tests/e2e/demo-mode-server.ts', String(PORT)], {
    env: childEnv({ SMTP_URL: undefined, WEB_CONCURRENCY: '1', TRUSTED_PROXIES: undefined }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    await waitUntilServing(server, () => output);

    const direct = await get('/dev/mail');
    expect(direct.status).toBe(200);
    expect(direct.body).toContain('Dev mailbox');

    const proxyHeaders: Record<string, string>[] = [{ 'X-Forwarded-For': '203.0.113.9' }, { Via: '1.1 nginx' }, { Forwarded: 'for=203.0.113.9' }, { 'X-Real-IP': '203.0.113.9' }];
    for (const proxyHeader of proxyHeaders) {
      const proxied = await get('/dev/mail', proxyHeader);
      expect(proxied.status, JSON.stringify(proxyHeader)).toBe(404);
      expect(proxied.body).not.toContain('Dev mailbox');
    }
    // A client cannot claim the server's own "not proxied" stamp.
    const forged = await get('/dev/mail', { 'X-Forwarded-For': '203.0.113.9', 'x-stockroom-proxied': '0' });
    expect(forged.status).toBe(404);
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  }
});
