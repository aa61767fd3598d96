import { setEnv, testEnv } from '@/lib/env';

/** Points this worker process at its own database and media folder (prepared by integration-setup). */
const { INTEGRATION_WORKERS: prepared, VITEST_POOL_ID } = testEnv();
if (prepared) {
  const workers = JSON.parse(prepared) as { databaseUrl: string; mediaDir: string }[];
  const worker = workers[((VITEST_POOL_ID ?? 1) - 1) % workers.length];
  if (worker) {
    setEnv({ DATABASE_URL: worker.databaseUrl, MEDIA_DIR: worker.mediaDir, ERASURE_TOMBSTONES_FILE: `${worker.mediaDir}.tombstones` });
  }
}
