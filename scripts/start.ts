import { parseArgs } from 'node:util';
import { applyDerivedEnv, assertSecretsInEnv, runtimeEnv, serverEnv, setEnv } from '@/lib/env';
import { runScript } from './run-script';

/** Development serves from this process (hot reload); production from one process per core. */
async function startWeb(dev: boolean) {
  const { PORT, HOST, APP_URL } = serverEnv();
  if (dev) {
    const { startWebServer } = await import('@/lib/server/start-web-server');
    return startWebServer({ port: PORT, host: HOST, dev, https: APP_URL.startsWith('https://') });
  }
  const { startWebCluster, webConcurrency } = await import('@/lib/server/web-cluster');
  return startWebCluster(webConcurrency());
}

export type TLaunched = { url: string; stop: () => Promise<void> };

/**
 * `npm start` (production build), `npm run dev` (--dev), `npm run demo` and the end-to-end test
 * server share this launcher, so every mode has the same database, migrations, workers and headers.
 */
export async function launch(options: { dev: boolean; demo: boolean }): Promise<TLaunched> {
  setEnv({ NODE_ENV: options.dev ? 'development' : 'production', ...(options.demo ? { STOCKROOM_DEMO: '1' } : {}) });
  if (options.dev || options.demo) {
    const { ensureLocalSecrets } = await import('@/tooling/local-secrets');
    await ensureLocalSecrets();
  }
  assertSecretsInEnv();
  applyDerivedEnv();

  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  await migrateDatabase(database.url);

  const { startWorkers } = await import('@/lib/jobs/start-workers');
  const { closeDatabase } = await import('@/lib/db/client');
  const workers = await startWorkers();
  const web = await startWeb(options.dev);
  console.log(`Stockroom is serving ${runtimeEnv().NODE_ENV} on ${web.url}${database.embedded ? ' (embedded PostgreSQL)' : ''}`);

  let stopping: Promise<void> | undefined;
  return {
    url: web.url,
    stop: () =>
      (stopping ??= (async () => {
        await web.close();
        await workers.stop();
        await closeDatabase();
        await database.stop();
      })()),
  };
}

/** Stops cleanly on Ctrl-C or SIGTERM: web server, workers, pools, then the embedded database. */
export function stopOnSignal(stop: () => Promise<void>) {
  const handler = () => {
    console.log('Stopping Stockroom…');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

if (process.argv[1]?.endsWith('start.ts')) {
  const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
  runScript(async () => {
    const launched = await launch({ dev: values.dev ?? false, demo: false });
    stopOnSignal(launched.stop);
    await new Promise<never>(() => {});
  });
}
