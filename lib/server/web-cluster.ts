import cluster, { type Worker } from 'node:cluster';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { serverEnv } from '@/lib/env';
import { logLine } from '@/lib/log/log-line';

export type TWebCluster = { url: string; close: () => Promise<void> };

export function webConcurrency(): number {
  return serverEnv().WEB_CONCURRENCY ?? Math.min(availableParallelism(), 4);
}

/**
 * Serves the production build from several processes sharing one port (Node's cluster module), so
 * rendering uses every core. Workers inherit the environment the launcher resolved (database URL,
 * secrets); everything they share lives in Postgres. A worker that dies is replaced.
 */
export async function startWebCluster(count: number): Promise<TWebCluster> {
  // The compiled worker (built by `npm run build`) renders without a TypeScript loader hooking every require.
  const bundle = path.resolve('.next/stockroom/web-worker.cjs');
  cluster.setupPrimary(
    existsSync(bundle) ? { exec: bundle, execArgv: [] } : { exec: path.resolve('scripts/web-worker.ts') },
  );
  let closing = false;
  const ready = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      worker.once('message', (message) => (message === 'ready' ? resolve() : reject(new Error(String(message)))));
      worker.once('exit', (code) => reject(new Error(`A web worker exited during start (code ${code}).`)));
    });

  const workers = Array.from({ length: count }, () => cluster.fork());
  await Promise.all(workers.map(ready));
  cluster.on('exit', (worker, code) => {
    if (closing) return;
    logLine('error', 'web', `worker ${worker.process.pid} exited (code ${code}); starting another`);
    cluster.fork();
  });

  const { PORT } = serverEnv();
  return {
    url: `http://localhost:${PORT}`,
    close: async () => {
      closing = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (!worker || worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.send('shutdown');
              setTimeout(() => worker.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    },
  };
}
