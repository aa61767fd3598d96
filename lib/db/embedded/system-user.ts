import 'server-only';
import { execFile, spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TSystemUser = { uid: number; gid: number };

/**
 * PostgreSQL refuses to run as root, so root runs it as the `postgres` system user (created when
 * missing). Anyone else runs it as themselves: undefined.
 */
export async function postgresSystemUser(): Promise<TSystemUser | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const found = await lookUp();
  if (found) return found;
  try {
    await run('groupadd', ['-f', '--system', 'postgres']);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch {
    throw new Error('PostgreSQL cannot run as root, and the system user "postgres" could not be created (groupadd/useradd failed).');
  }
  const created = await lookUp();
  if (!created) throw new Error('The system user "postgres" was created but cannot be found (id postgres).');
  return created;
}

async function lookUp(): Promise<TSystemUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/**
 * Whether `user` may search (folders) or execute (files) `target`, every folder above it included:
 * asked of the system itself as that user, so ACLs and group bits count as they will for the server.
 */
export function userCanEnter(target: string, user: TSystemUser): boolean {
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}
