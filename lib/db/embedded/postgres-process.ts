import 'server-only';
import { spawn } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnv } from '@/lib/env';
import { askServerDataFolder } from './ask-server';
import type { TPostgresBinaries } from './postgres-binaries';
import type { TSystemUser } from './system-user';

export type TPostmaster = { pid: number; stop: () => Promise<void> };

// Messages in English whatever the machine's locale, so the last lines of a failure read the same everywhere.
const postgresEnv = () => childEnv({ LC_MESSAGES: 'C' });
const START_TIMEOUT_MS = 60_000;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const OUR_SIGNAL_HANDLERS = new Set<(...args: never[]) => void>();

/** initdb: a new cluster in `clusterDir` whose superuser `postgres` signs in with `password` (scram-sha-256). */
export async function initialiseCluster(options: {
  binaries: TPostgresBinaries;
  clusterDir: string;
  password: string;
  user: TSystemUser | undefined;
}): Promise<void> {
  const { binaries, clusterDir, password, user } = options;
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file; a private folder keeps it from other local users meanwhile.
  const secretDir = await mkdtemp(path.join(tmpdir(), 'stockroom-initdb-'));
  const passwordFile = path.join(secretDir, 'password');
  try {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) {
      for (const owned of [clusterDir, secretDir, passwordFile]) await chown(owned, user.uid, user.gid);
    }
    const args = [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8'];
    const child = spawn(binaries.initdb, args, { ...user, env: postgresEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const output = rememberLastLines(child.stdout, child.stderr);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed in ${clusterDir}: ${output()}`);
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

/**
 * Runs the server on 127.0.0.1:`port` (no Unix socket) until stop() or until this process exits,
 * and resolves once it answers the superuser.
 */
export async function startPostmaster(options: {
  binaries: TPostgresBinaries;
  clusterDir: string;
  port: number;
  password: string;
  user: TSystemUser | undefined;
}): Promise<TPostmaster> {
  const { binaries, clusterDir, port, password, user } = options;
  const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  // stderr is read to the end of the server's life: a full pipe would stall it.
  const child = spawn(binaries.postgres, args, { ...user, env: postgresEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  const output = rememberLastLines(child.stderr);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('close', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  // Whatever ends this process, the server it started ends too (SIGINT: PostgreSQL's fast shutdown).
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  // A signal ends Node without 'exit'. Where nobody else handles it (a short command, not the
  // launcher, whose own handler stops everything in order), stop the server and die of it as before.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    if (process.listeners(signal).some((listener) => !OUR_SIGNAL_HANDLERS.has(listener))) return;
    forgetProcess();
    child.kill('SIGINT');
    process.kill(process.pid, signal);
  };
  const forgetProcess = () => {
    process.off('exit', stopOnExit);
    for (const signal of SIGNALS) process.off(signal, stopOnSignal);
    OUR_SIGNAL_HANDLERS.delete(stopOnSignal);
  };
  // First in line, so the check above still sees every other handler, `once` ones included.
  OUR_SIGNAL_HANDLERS.add(stopOnSignal);
  for (const signal of SIGNALS) process.prependListener(signal, stopOnSignal);
  const stop = async () => {
    forgetProcess();
    if (!exited) child.kill('SIGINT');
    await exit;
  };

  try {
    await waitUntilAnswering(port, password, () => (exited ? output() || 'the server exited' : undefined));
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid!, stop };
}

async function waitUntilAnswering(port: number, password: string, exitReport: () => string | undefined) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    // Checked before asking: a server that could not bind the port has exited, and whoever holds the port may answer.
    await sleep(100);
    const report = exitReport();
    if (report !== undefined) throw new Error(report);
    if ((await askServerDataFolder(port, password)) !== undefined) return;
    if (Date.now() > deadline) throw new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`);
  }
}

/** The last lines a process wrote, joined on one line, for an error message. */
function rememberLastLines(...streams: (NodeJS.ReadableStream | null)[]) {
  let text = '';
  for (const stream of streams) {
    stream?.on('data', (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-2_000);
    });
  }
  return () =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(-5)
      .join(' | ');
}
