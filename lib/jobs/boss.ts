import 'server-only';
import { PgBoss } from 'pg-boss';
import { databaseEnv } from '@/lib/env';
import { logLine } from '@/lib/log/log-line';
import { queueDefinitions, queueNames } from './queues';

/**
 * One pg-boss instance per process, started on first use. It is kept on globalThis because the
 * launcher (scripts/start.ts) and the Next.js bundle load this module separately: both must share
 * the instance the workers run on, and a hot reload must not start a second one.
 */
type TGlobalWithBoss = typeof globalThis & { __stockroomBoss?: Promise<PgBoss> };
const globalWithBoss = globalThis as TGlobalWithBoss;

/** pg-boss keeps its own pool next to the application's: polling and maintenance need few connections. */
const BOSS_POOL_SIZE = 4;

export function getBoss(): Promise<PgBoss> {
  if (!globalWithBoss.__stockroomBoss) {
    const starting = startBoss();
    globalWithBoss.__stockroomBoss = starting;
    // A failed start is not cached: the next caller tries again.
    starting.catch(() => {
      if (globalWithBoss.__stockroomBoss === starting) delete globalWithBoss.__stockroomBoss;
    });
  }
  return globalWithBoss.__stockroomBoss;
}

/** Stops the instance, letting running jobs finish (up to `timeoutMs`), and closes its pool. */
export async function stopBoss(options: { timeoutMs?: number } = {}) {
  const current = globalWithBoss.__stockroomBoss;
  if (!current) return;
  delete globalWithBoss.__stockroomBoss;
  const boss = await current.catch(() => null);
  await boss?.stop({ graceful: true, close: true, timeout: options.timeoutMs ?? 30_000 });
}

async function startBoss(): Promise<PgBoss> {
  const { DATABASE_URL } = databaseEnv();
  if (!DATABASE_URL) throw new Error('DATABASE_URL is not set: the job queue needs the database.');
  const boss = new PgBoss({ connectionString: DATABASE_URL, max: BOSS_POOL_SIZE, connectionTimeoutMillis: 5_000 });
  boss.on('error', (error) => {
    // 57P01: the server is shutting down (the embedded one stops on Ctrl-C alongside us); not a fault.
    if ((error as { code?: string }).code === '57P01') return;
    logLine('error', 'jobs', describe(error));
  });
  boss.on('warning', (warning) => logLine('warn', 'jobs', warning.message));
  await boss.start();
  // Queues must exist before a job is sent to them. Creating one that exists changes nothing;
  // startWorkers() brings their options up to date.
  for (const name of queueNames) {
    await boss.createQueue(name, { policy: 'standard', ...queueDefinitions[name].options });
  }
  return boss;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}
