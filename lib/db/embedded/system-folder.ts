import 'server-only';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { userCanEnter, type TSystemUser } from './system-user';

/** The system folder holds per-project clusters and copied binaries; the server's user must be able to enter it. */
export async function ensureSystemFolder(systemDir: string, user: TSystemUser): Promise<void> {
  const created = await mkdir(systemDir, { recursive: true });
  // Under umask 077 the folders just made would shut that user out.
  for (let folder = systemDir; created; folder = path.dirname(folder)) {
    await chmod(folder, 0o755);
    if (folder === created || folder === path.dirname(folder)) break;
  }
  if (!userCanEnter(systemDir, user)) {
    throw new Error(`The system user "postgres" cannot enter ${systemDir}: let others enter it (chmod o+x on it and the folders above), or set STOCKROOM_SYSTEM_DIR.`);
  }
}
