import { serverEnv } from '@/lib/env';
import { closeDatabase } from '@/lib/db/client';
import { startWebServer } from '@/lib/server/start-web-server';

/** One web process of the production cluster (lib/server/web-cluster.ts); the launcher owns everything else. */
async function main() {
  const { PORT, HOST, APP_URL } = serverEnv();
  const web = await startWebServer({ port: PORT, host: HOST, dev: false, https: APP_URL.startsWith('https://') });
  const stop = async () => {
    await web.close();
    await closeDatabase();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'shutdown') void stop();
  });
  // Ctrl-C reaches every process of the group: the launcher decides when workers stop.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  process.send?.('ready');
}

main().catch((error: unknown) => {
  process.send?.(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
