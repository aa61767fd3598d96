import 'server-only';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { askServerDataFolder } from './ask-server';

export type TRunningServer = { pid: number; port: number };

const STARTING_GRACE_MS = 30_000;

/**
 * The server another Stockroom process (the demo, `npm start`) already runs on this cluster, so a
 * command beside it connects to it instead of failing to start a second one. postmaster.pid names
 * the server's pid (line 1) and port (line 4). A lock file left by a dead server is no obstacle:
 * undefined, and PostgreSQL replaces it on start. One whose pid now belongs to an unrelated process
 * (pids are reused after a reboot or in a container) would stop PostgreSQL from starting: removed.
 */
export async function findRunningServer(clusterDir: string, password: string): Promise<TRunningServer | undefined> {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  const lines = await readFile(lockFile, 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
  if (!lines) return undefined;
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  if (await isUnrelatedProcess(pid, clusterDir)) {
    await rm(lockFile, { force: true });
    return undefined;
  }
  // A server that is still starting (or recovering) answers once it is ready.
  const deadline = Date.now() + STARTING_GRACE_MS;
  while (Number.isSafeInteger(port) && port > 0) {
    const dataFolder = await askServerDataFolder(port, password);
    if (dataFolder !== undefined && path.resolve(dataFolder) === path.resolve(clusterDir)) return { pid, port };
    if (!isAlive(pid)) return undefined;
    if (Date.now() > deadline) break;
    await sleep(200);
  }
  throw new Error(
    `PostgreSQL (pid ${pid}) holds ${clusterDir} but does not answer on 127.0.0.1:${lines[3] ?? '?'}. Wait until it has started, or stop it.`,
  );
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (the postgres system user's, when root did not start it).
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Where /proc tells (Linux), a process that is neither a postgres nor about this cluster is not its server. */
async function isUnrelatedProcess(pid: number, clusterDir: string) {
  const [commandLine, name] = await Promise.all(
    ['cmdline', 'comm'].map((entry) => readFile(`/proc/${pid}/${entry}`, 'utf8').catch(() => undefined)),
  );
  if (commandLine === undefined || name === undefined) return false;
  const args = commandLine.split('\0').filter(Boolean);
  // A kernel thread has no command line; its name then tells.
  const program = args[0] ? path.basename(args[0]) : name.trim();
  return program !== 'postgres' && !args.includes(clusterDir);
}
