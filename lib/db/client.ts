import 'server-only';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as relations from '@/db/relations';
import * as tables from '@/db/schema';
import { databaseEnv } from '@/lib/env';

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
  pool.on('error', (error) => console.error(`[db] idle client error: ${error.message}`));
  return pool;
}

// One pool per process, also across hot reloads in development.
const globalWithPool = globalThis as TGlobalWithPool;
export const pool: Pool = (globalWithPool.__stockroomPool ??= createPool());
export const db: TDatabase = drizzle({ client: pool, schema });

export async function closeDatabase() {
  if (globalWithPool.__stockroomPool) {
    delete globalWithPool.__stockroomPool;
    await pool.end();
  }
}
