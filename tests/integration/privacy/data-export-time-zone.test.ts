/**
 * The export says its times are in UTC (index.html). The rows are read as Postgres writes them, in
 * the session's time zone, which is the server's setting unless the reader sets it: on a server set
 * to another zone the files would show local times. The export's transaction sets UTC itself.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataExports } from '@/db/schema';
import { decryptingStream } from '@/lib/crypto/file-cipher';
import { closeDatabase, db } from '@/lib/db/client';
import { storageEnv } from '@/lib/env';
import { storageObjectPath } from '@/lib/media/storage';
import { buildDataExport } from '@/lib/privacy/build-data-export';
import { dataExportObject } from '@/lib/privacy/data-export-object';
import { seedCustomer, type TSeeded } from '../../helpers/personal-data-factory';

let person: TSeeded;

async function setDatabaseTimeZone(zone: string | null) {
  const [{ name }] = (await db.execute<{ name: string }>(sql`select current_database() as name`)).rows as [{ name: string }];
  await db.execute(zone === null ? sql`alter database ${sql.identifier(name)} reset timezone` : sql`alter database ${sql.identifier(name)} set timezone = ${sql.raw(`'${zone}'`)}`);
  // The setting applies to new sessions: start the pool again.
  await closeDatabase();
}

beforeAll(async () => {
  person = await seedCustomer(`zone-${randomUUID().slice(0, 8)}`);
  await setDatabaseTimeZone('Pacific/Auckland');
});
afterAll(async () => {
  await setDatabaseTimeZone(null);
  await closeDatabase();
});

describe('the export on a server whose time zone is not UTC', () => {
  it('writes every time in UTC, in the CSVs and in data.json', async () => {
    const [{ zone }] = (await db.execute<{ zone: string }>(sql`show timezone`)).rows.map((row) => ({ zone: Object.values(row)[0] as string })) as [{ zone: string }];
    expect(zone).toBe('Pacific/Auckland');
    const [pending] = await db
      .insert(dataExports)
      .values({ subjectUserId: person.userId, requestedByUserId: null, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    expect(await buildDataExport(pending!.id)).toBe('ready');
    const [row] = await db.select().from(dataExports).where(eq(dataExports.id, pending!.id));
    const sealed = await readFile(path.join(path.resolve(storageEnv().MEDIA_DIR), storageObjectPath(dataExportObject(row!.storageKey!))));
    const stream = decryptingStream({ keyId: row!.keyId!, iv: row!.iv! }, row!.id);
    const [zip] = await Promise.all([buffer(stream), pipeline(Readable.from([sealed]), stream)]);
    const files = unzipSync(new Uint8Array(zip));

    const json = JSON.parse(Buffer.from(files['data.json']!).toString('utf8')) as Record<string, Array<Record<string, unknown>>>;
    const createdAt = String(json.users![0]!.created_at);
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    expect(new Date(createdAt).getTime()).not.toBeNaN();
    const activityTimes = json.activity_events!.map((event) => String(event.created_at));
    expect(activityTimes.length).toBeGreaterThan(0);
    for (const time of activityTimes) expect(time).toMatch(/T.*\+00:00$/);

    const usersCsv = Buffer.from(files['users.csv']!).toString('utf8');
    // The CSV writes the same moment as Postgres and spreadsheets do: 2026-12-03 04:01:22.123+00.
    expect(usersCsv).toContain(`${createdAt.replace('T', ' ').replace(/:00$/, '')}`);
    expect(usersCsv).not.toMatch(/\+1[23](,|\n)/);
  });
});
