/**
 * A second server for one spec (demo-mailbox.spec.ts): the production build launched as
 * `npm run demo` launches it (demo mode, no SMTP_URL, so mail stays in the outbox and /dev/mail
 * exists), on its own scratch database and port. The spec starts it and stops it with SIGTERM.
 */
import { setEnv } from '@/lib/env';
import { prepareTestEnvironment } from '../helpers/test-environment';

async function main() {
  const environment = await prepareTestEnvironment();
  const port = process.argv[2];
  if (!port) throw new Error('Usage: demo-mode-server.ts <port>');
  setEnv({ PORT: port, APP_URL: `http://localhost:${port}` });

  const { launch, stopOnSignal } = await import('../../scripts/start');
  const launched = await launch({ dev: false, demo: true });
  stopOnSignal(async () => {
    await launched.stop();
    await environment.teardown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
