import 'server-only';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { storageEnv } from '@/lib/env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The tombstone file: one line per erased account, "<id> <ISO time>", ids only. The table
 * erasure_tombstones holds the same, but a restored backup brings back an older table; this file
 * lives beside the data, outside the database and the media, so it remembers erasures the backup
 * predates. Appending is done after the erasure commits (a line for an erasure that rolled back
 * would only make a replay erase again what a later attempt erases anyway).
 */
export async function appendTombstone(subjectUserId: string, erasedAt: Date, file = storageEnv().ERASURE_TOMBSTONES_FILE): Promise<void> {
  if (!UUID.test(subjectUserId)) throw new Error('appendTombstone: not a subject id');
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${subjectUserId} ${erasedAt.toISOString()}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** Every id in the file, once each; a missing file is an empty list, a malformed line is skipped. */
export async function readTombstoneFile(file = storageEnv().ERASURE_TOMBSTONES_FILE): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const ids = new Set<string>();
  for (const line of text.split('\n')) {
    const id = line.split(' ')[0] ?? '';
    if (UUID.test(id)) ids.add(id);
  }
  return [...ids];
}
