import { parseArgs } from 'node:util';
import { runtimeEnv, serverEnv, setEnv } from '@/lib/env';
import { runScript } from './run-script';

/**
 * `npm start` (production build), `npm run dev` (--dev) and `npm run demo` (--demo, via demo.ts):
 * one launcher, so every mode has the same database, migrations, workers and headers.
 */
export async function launch(options: { dev: boolean; demo: boolean }) {
  setEnv({ NODE_ENV: options.dev ? 'development' : 'production', ...(options.demo ? { STOCKROOM_DEMO: '1' } : {}) });
  const { ensureLocalSecrets, assertSecretsInEnv } = await import('@/lib/server/local-secrets');
  if (options.dev || options.demo) await ensureLocalSecrets();
  assertSecretsInEnv();

  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const database = await resolveDatabase();
  await migrateDatabase(database.url);

  const { startWorkers } = await import('@/lib/jobs/start-workers');
  const workers = await startWorkers();

  const { startWebServer } = await import('@/lib/server/start-web-server');
  const { closeDatabase } = await import('@/lib/db/client');
  const { PORT, HOST, APP_URL } = serverEnv();
  const web = await startWebServer({ port: PORT, host: HOST, dev: options.dev, https: APP_URL.startsWith('https://') });
  console.log(`Stockroom is serving ${runtimeEnv().NODE_ENV} on ${web.url}${database.embedded ? ' (embedded PostgreSQL)' : ''}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping Stockroom…');
    await web.close();
    await workers.stop();
    await closeDatabase();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1]?.endsWith('start.ts')) {
  const { values } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
  runScript(() => launch({ dev: values.dev ?? false, demo: false }).then(() => new Promise<never>(() => {})));
}
