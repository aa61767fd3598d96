/**
 * A second web process on the e2e server's own database (two-processes.spec.ts): the production
 * build launched like `npm start`, on another port, with the same trusted proxy. Everything that
 * must hold across processes (sessions, blocks, allowlists, used codes) lives in PostgreSQL, which
 * is what the spec shows. The spec starts it and stops it with SIGTERM.
 */
import { setEnv } from '@/lib/env';
import { E2E_TRUSTED_PROXY } from './raw-http';

async function main() {
  const [port, databaseUrl] = process.argv.slice(2);
  if (!port || !databaseUrl) throw new Error('Usage: second-server.ts <port> <database url>');
  setEnv({ PORT: port, APP_URL: `http://localhost:${port}`, DATABASE_URL: databaseUrl, TRUSTED_PROXIES: `${E2E_TRUSTED_PROXY}/32` });
  const { launch, stopOnSignal } = await import('../../scripts/start');
  const launched = await launch({ dev: false, demo: false });
  stopOnSignal(() => launched.stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
