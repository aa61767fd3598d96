import { mkdir, rm } from 'node:fs/promises';
import { createScratchDatabase } from '@/tooling/scratch-database';
import { setEnv } from '@/lib/env';
import { INTEGRATION_WORKERS } from './integration-workers';
import { prepareTestEnvironment } from './test-environment';

/**
 * One migrated scratch database for the first worker and a copy of it for each other worker, each
 * with its own media folder and tombstone file: files run in parallel without seeing each other's
 * rows or files (a sweep of unreferenced media must not find another worker's uploads).
 */
export default async function setup() {
  const environment = await prepareTestEnvironment();
  const workers = [{ databaseUrl: environment.databaseUrl, mediaDir: environment.mediaDir, drop: async () => {} }];
  for (let index = 2; index <= INTEGRATION_WORKERS; index++) {
    const copy = await createScratchDatabase(environment.databaseUrl, 'stockroom_test', environment.databaseName);
    const mediaDir = `${environment.mediaDir}-w${index}`;
    await mkdir(mediaDir);
    workers.push({
      databaseUrl: copy.url,
      mediaDir,
      drop: async () => {
        await copy.drop();
        await rm(mediaDir, { recursive: true, force: true });
        await rm(`${mediaDir}.tombstones`, { force: true });
      },
    });
  }
  setEnv({ INTEGRATION_WORKERS: JSON.stringify(workers.map(({ databaseUrl, mediaDir }) => ({ databaseUrl, mediaDir }))) });
  return async () => {
    for (const worker of workers) await worker.drop();
    await environment.teardown();
  };
}
