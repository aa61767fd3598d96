import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '@/tooling/scratch-database';
import { migrateDatabase } from '@/lib/db/migrate';
import { resolveDatabase } from '@/lib/db/resolve-database';
import { setEnv } from '@/lib/env';

/**
 * A fresh, migrated database for one test run on the server named by DATABASE_URL, or on an
 * embedded server (data/postgres-test) when it is unset; plus fresh secrets and a media folder.
 * Everything is removed by the returned teardown.
 */
export async function prepareTestEnvironment() {
  const server = await resolveDatabase({ dataDirName: 'postgres-test', database: 'postgres' });
  const scratch = await createScratchDatabase(server.url);
  await migrateDatabase(scratch.url);
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'stockroom-media-'));
  setEnv({
    DATABASE_URL: scratch.url,
    MEDIA_DIR: mediaDir,
    ERASURE_TOMBSTONES_FILE: `${mediaDir}.tombstones`,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    NODE_ENV: 'test',
  });
  return {
    databaseUrl: scratch.url,
    databaseName: scratch.name,
    mediaDir,
    teardown: async () => {
      await scratch.drop();
      await server.stop();
      await rm(mediaDir, { recursive: true, force: true });
      await rm(`${mediaDir}.tombstones`, { force: true });
    },
  };
}
