import 'server-only';
import { createHash } from 'node:crypto';
import { chmod, chown, mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureSystemFolder } from './system-folder';
import { userCanEnter, type TSystemUser } from './system-user';

export type TClusterLocation = {
  clusterDir: string;
  passwordFile: string;
  /** Why the cluster is not beside the data folder, when it is not. */
  movedBecause?: string;
};

/**
 * Where the cluster for `dataDir` (data/postgres) lives: there, unless root runs PostgreSQL as the
 * `postgres` system user and that user cannot enter the data folder (a clone in a private home
 * folder). Then the cluster gets a folder of its own under the system folder, one per data folder
 * path, owned by that user with mode 700, and its superuser password lives beside it.
 */
export async function clusterLocation(dataDir: string, systemDir: string, user: TSystemUser | undefined): Promise<TClusterLocation> {
  const parent = path.dirname(dataDir);
  if (!user || userCanEnter(parent, user)) {
    return { clusterDir: dataDir, passwordFile: path.join(parent, `${path.basename(dataDir)}.superuser-password`) };
  }
  await ensureSystemFolder(systemDir, user);
  const resolved = path.join(await realpath(parent), path.basename(dataDir));
  const folder = path.join(systemDir, folderName(resolved));
  await mkdir(folder, { recursive: true });
  await chown(folder, user.uid, user.gid);
  await chmod(folder, 0o700);
  // Tells whoever tidies the system folder which project a cluster belongs to.
  await writeFile(path.join(folder, 'data-folder'), `${resolved}\n`, { mode: 0o644 });
  return {
    clusterDir: path.join(folder, 'postgres'),
    passwordFile: path.join(folder, 'superuser-password'),
    movedBecause: `the system user "postgres" cannot enter ${parent}`,
  };
}

/** Readable (the last folders of the path) and unique (a hash of the whole path): stockroom-data-postgres-1f3a9c0b2e. */
function folderName(resolved: string) {
  const readable = resolved
    .split(path.sep)
    .slice(-3)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[-._]+/, '')
    .slice(-60);
  const hash = createHash('sha256').update(resolved).digest('hex').slice(0, 10);
  return `${readable}-${hash}`;
}
