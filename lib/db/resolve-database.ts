import path from 'node:path';
import pg from 'pg';
import { databaseEnv, setEnv, storageEnv } from '@/lib/env';
import { describeConnectionError } from './connection-error';
import { startEmbeddedPostgres } from './embedded';

export type TResolvedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export class DatabaseUnreachableError extends Error {}

/**
 * DATABASE_URL when set (checked reachable), otherwise the embedded server with its data under
 * data/postgres. Sets DATABASE_URL for the rest of the process either way.
 */
export async function resolveDatabase(options: { dataDirName?: string; database?: string } = {}): Promise<TResolvedDatabase> {
  const { DATABASE_URL, EMBEDDED_PG_PORT } = databaseEnv();
  if (DATABASE_URL) {
    await assertReachable(DATABASE_URL);
    return { url: DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(storageEnv().DATA_DIR, options.dataDirName ?? 'postgres'),
    database: options.database ?? 'stockroom',
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
