import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type TEmbeddedDatabase } from '@/lib/db/embedded/start-embedded-postgres';
import { queryOnce, runScript } from './run-script';

let base: string;
let dataDir: string;
let systemDir: string;
const started: TEmbeddedDatabase[] = [];

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'stockroom-beside-'));
  // Open, as a clone in /srv is: the cluster stays in data/ even when root runs the tests.
  await chmod(base, 0o755);
  dataDir = path.join(base, 'data');
  systemDir = path.join(base, 'system');
});

afterAll(async () => {
  for (const server of started) await server.stop();
  await rm(base, { recursive: true, force: true });
});

async function start() {
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), database: 'stockroom', systemDir });
  started.push(server);
  return server;
}

describe('a command beside a running demo', () => {
  it('`npm run settings -- list` connects to the embedded server already running on the data folder, and leaves it running', async () => {
    const demo = await start();

    const settings = await runScript('scripts/settings.ts', ['list'], {
      DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      EMBEDDED_PG_PORT: undefined,
      STOCKROOM_SYSTEM_DIR: systemDir,
    });

    expect(settings.stderr).not.toContain('did not start');
    expect(settings.code).toBe(0);
    expect(settings.stdout).toContain('accounts.consentAge = 16');
    expect(await queryOnce(demo.url, 'select 1 as one')).toEqual([{ one: 1 }]);

    // The command's own database work landed on the demo's server.
    const tables = await queryOnce<{ name: string }>(demo.url, "select to_regclass('public.site_settings')::text as name");
    expect(tables[0]?.name).not.toBeNull();

    // And a second resolve in a process of its own stops nothing when it ends.
    const beside = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), database: 'stockroom', systemDir });
    expect(beside.startedHere).toBe(false);
    expect(beside.url).toBe(demo.url);
    await beside.stop();
    expect(await queryOnce(demo.url, 'select 1 as one')).toEqual([{ one: 1 }]);

    await demo.stop();
    started.length = 0;
  }, 120_000);
});

describe('a postmaster.pid left behind', () => {
  beforeAll(async () => {
    // A cluster that ran before and was not stopped cleanly.
    const earlier = await start();
    await earlier.stop();
    started.length = 0;
  }, 60_000);

  async function leaveLockFile(pid: number) {
    const clusterDir = path.join(dataDir, 'postgres');
    const lines = [pid, clusterDir, Math.floor(Date.now() / 1000), 54_329, '', '127.0.0.1', '0 0', 'ready   '];
    await writeFile(path.join(clusterDir, 'postmaster.pid'), `${lines.join('\n')}\n`);
  }

  it('by a server that died does not stop a normal start', async () => {
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('close', resolve));
    await leaveLockFile(gone.pid!);

    const server = await start();
    expect(server.startedHere).toBe(true);
    expect(await queryOnce(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await server.stop();
    started.length = 0;
  }, 60_000);

  it('whose pid now belongs to an unrelated process (after a reboot) does not stop a normal start', async () => {
    // Owned by the user the server runs as, as a reused pid may be (PostgreSQL cannot see another user's process).
    const owner = os.userInfo().uid === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })) } : {};
    const unrelated = spawn('sleep', ['120'], owner);
    try {
      await leaveLockFile(unrelated.pid!);
      const server = await start();
      expect(server.startedHere).toBe(true);
      expect(await queryOnce(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await server.stop();
      started.length = 0;
    } finally {
      unrelated.kill();
    }
  }, 60_000);
});
