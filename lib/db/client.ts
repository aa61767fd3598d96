import 'server-only';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool, type PoolClient } from 'pg';
import * as relations from '@/db/relations';
import * as tables from '@/db/schema';
import { databaseEnv } from '@/lib/env';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';

const schema = { ...tables, ...relations };
export type TDatabase = NodePgDatabase<typeof schema>;
export type TTransaction = Parameters<Parameters<TDatabase['transaction']>[0]>[0];
/** Either the pool or an open transaction: use cases accept one so callers can compose them. */
export type TExecutor = TDatabase | TTransaction;

type TGlobalWithPool = typeof globalThis & { __stockroomPool?: Pool };

function createPool(): Pool {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = databaseEnv();
  if (!DATABASE_URL) {
    throw new Error('DATABASE_URL is not set: start the app with `npm start` or `npm run demo`, which provide one.');
  }
  const pool = new Pool({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', (error) => logLine('error', 'db', `idle client error: ${errorSummary(error)}`));
  return pool;
}

type TGlobalWithDatabase = TGlobalWithPool & { __stockroomDb?: TDatabase };
const globalWithPool = globalThis as TGlobalWithDatabase;

/** One pool per process, also across hot reloads in development; made on first use, not on import. */
function database(): TDatabase {
  if (!globalWithPool.__stockroomDb) {
    globalWithPool.__stockroomPool ??= createPool();
    globalWithPool.__stockroomDb = drizzle({ client: globalWithPool.__stockroomPool, schema });
  }
  return globalWithPool.__stockroomDb;
}

/**
 * The database. Importing it connects nothing: `next build` loads route modules without a
 * database, and launchers set DATABASE_URL (for the embedded server) before the first query.
 */
export const db: TDatabase = new Proxy({} as TDatabase, {
  get: (_target, property) => Reflect.get(database(), property),
});

/**
 * A connection of the pool for one caller alone, for what drizzle has no words for (COPY ... TO
 * STDOUT through pg-copy-streams), with drizzle on the same connection for the rest. The caller
 * gives it back with `client.release()`, passing the error when the connection's state is unknown.
 */
export async function dedicatedConnection(): Promise<{ client: PoolClient; db: TDatabase }> {
  database();
  const client = await globalWithPool.__stockroomPool!.connect();
  return { client, db: drizzle({ client, schema }) };
}

export async function closeDatabase() {
  const pool = globalWithPool.__stockroomPool;
  delete globalWithPool.__stockroomPool;
  delete globalWithPool.__stockroomDb;
  await pool?.end();
}
