import 'server-only';
import { inArray } from 'drizzle-orm';
import { erasureTombstones, users } from '@/db/schema';
import { db } from '@/lib/db/client';
import { eraseSubject } from './erase-subject';
import { appendTombstone, readTombstoneFile } from './erasure-tombstones';

export type TReplayResult = { tombstones: number; reErased: number; alreadyErased: number; notInDatabase: number };

/**
 * After a backup is restored (`npm run privacy:replay-erasures`): every account named by the
 * tombstone file or table that the database holds unerased is erased again, each in its own
 * transaction. Ids only in the table are written to the file too, so the next restore knows them.
 */
export async function replayErasures(options: { file?: string; now?: Date } = {}): Promise<TReplayResult> {
  const fromFile = await readTombstoneFile(options.file);
  const fromTable = (await db.select({ id: erasureTombstones.subjectUserId, erasedAt: erasureTombstones.erasedAt }).from(erasureTombstones)).filter(
    (row) => !fromFile.includes(row.id),
  );
  for (const row of fromTable) await appendTombstone(row.id, row.erasedAt, options.file);
  const ids = [...fromFile, ...fromTable.map((row) => row.id)];

  const accounts = ids.length === 0 ? [] : await db.select({ id: users.id, erasedAt: users.erasedAt }).from(users).where(inArray(users.id, ids));
  const toErase = accounts.filter((account) => account.erasedAt === null).map((account) => account.id);
  for (const id of toErase) await db.transaction((tx) => eraseSubject(tx, id, { now: options.now }));
  return { tombstones: ids.length, reErased: toErase.length, alreadyErased: accounts.length - toErase.length, notInDatabase: ids.length - accounts.length };
}
