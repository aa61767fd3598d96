import path from 'node:path';
import pg from 'pg';
import { databaseEnv, setEnv, storageEnv } from '@/lib/env';
import { describeConnectionError } from './connection-error';
import { startEmbeddedPostgres } from './embedded/start-embedded-postgres';

export type TResolvedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export class DatabaseUnreachableError extends Error {}

/**
 * DATABASE_URL when set (checked reachable), otherwise the embedded server for data/postgres: the
 * one a running demo or server already started there, else started here. stop() stops only a
 * server this process started. Sets DATABASE_URL for the rest of the process either way.
 */
export async function resolveDatabase(options: { dataDirName?: string; database?: string } = {}): Promise<TResolvedDatabase> {
  const { DATABASE_URL, EMBEDDED_PG_PORT, STOCKROOM_SYSTEM_DIR } = databaseEnv();
  if (DATABASE_URL) {
    await assertReachable(DATABASE_URL);
    return { url: DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(storageEnv().DATA_DIR, options.dataDirName ?? 'postgres'),
    database: options.database ?? 'stockroom',
    systemDir: STOCKROOM_SYSTEM_DIR,
    port: EMBEDDED_PG_PORT,
  });
  setEnv({ DATABASE_URL: embedded.url });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

export async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new DatabaseUnreachableError(describeConnectionError(url, error));
  } finally {
    await client.end().catch(() => {});
  }
}
