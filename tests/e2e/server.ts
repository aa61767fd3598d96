/**
 * The server the browser tests run against: a scratch database, a real SMTP server whose
 * messages land in test-results/mailbox, a seeded catalog, and the production build served by
 * the same launcher as `npm start`. Playwright starts it (webServer) and stops it with SIGTERM.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { secretsEnv, setEnv, testEnv } from '@/lib/env';
import { prepareTestEnvironment } from '../helpers/test-environment';
import { startSmtpSink } from '../helpers/smtp-sink';
import { E2E_TRUSTED_PROXY } from './raw-http';
import { E2E_STATE_FILE, MAILBOX_DIR, type TE2EState } from './state';

async function main() {
  const environment = await prepareTestEnvironment();
  await rm(MAILBOX_DIR, { recursive: true, force: true });
  await mkdir(MAILBOX_DIR, { recursive: true });
  const smtp = await startSmtpSink({ dropDir: MAILBOX_DIR });
  const port = testEnv().E2E_PORT;
  // One trusted proxy (tests/e2e/client-address.spec.ts connects from it); 127.0.0.1, where the browser runs, stays untrusted.
  setEnv({ SMTP_URL: smtp.url, PORT: String(port), APP_URL: `http://localhost:${port}`, TRUSTED_PROXIES: `${E2E_TRUSTED_PROXY}/32` });

  const { seedE2ECatalog } = await import('./seed-e2e-catalog');
  const catalog = await seedE2ECatalog();
  const { seedE2EInvoices } = await import('./seed-e2e-invoices');
  const invoices = await seedE2EInvoices(catalog.lighthouseImageId);

  const { launch, stopOnSignal } = await import('../../scripts/start');
  const launched = await launch({ dev: false, demo: false });

  const { AUTH_SECRET, DATA_ENCRYPTION_KEY } = secretsEnv();
  const sharedEnv = { AUTH_SECRET, DATA_ENCRYPTION_KEY, MEDIA_DIR: environment.mediaDir };
  const state: TE2EState = { baseUrl: launched.url, databaseUrl: environment.databaseUrl, mailboxDir: MAILBOX_DIR, sharedEnv, ...catalog, ...invoices };
  await mkdir(path.dirname(E2E_STATE_FILE), { recursive: true });
  await writeFile(E2E_STATE_FILE, JSON.stringify(state, null, 2));

  stopOnSignal(async () => {
    await launched.stop();
    await smtp.stop();
    await environment.teardown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
