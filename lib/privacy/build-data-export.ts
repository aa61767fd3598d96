import 'server-only';
import { once } from 'node:events';
import { Readable, type Transform } from 'node:stream';
import archiver from 'archiver';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ClientBase, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { dataExports, privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { encryptingStream, type TFileSealing } from '@/lib/crypto/file-cipher';
import { db, dedicatedConnection, type TExecutor } from '@/lib/db/client';
import { CSV_BOM } from '@/lib/export/build-csv';
import { logLine } from '@/lib/log/log-line';
import { queueMail } from '@/lib/mail/send-mail';
import { createStorageKey, mediaStorage, type TMediaObject, type TMediaStorage } from '@/lib/media/storage';
import { getSetting } from '@/lib/settings/get-setting';
import { dataExportObject, myDataUrl } from './data-export-object';
import { describeDataGroup, type TDataGroupDescription } from './describe-data-group';
import { appendInvoicePdfs, type TAppendFiles } from './export-invoice-pdfs';
import { retentionDescriptionsInForce } from './retention-periods';
import { csvCopyQuery, jsonLinesCopyQuery, STORED_SECRET, type TExportColumn } from './export-copy-queries';
import { columnTypesOfTables, isSecret, primaryKeysOfTables } from './subject-columns';
import { defaultDataMap, subjectPathOf, subjectTables, type TDataMap } from './subject-path';
import { subjectRowsFrom } from './subject-rows';

export type TBuildDataExportOutcome = 'ready' | 'not-pending';

type TBuildOptions = { storage?: TMediaStorage; isLastAttempt?: boolean; map?: TDataMap };

/**
 * The job behind "Download my data" (queue privacy.build-export). Every table of the personal-data
 * map that can hold rows about a person is read for the subject, a batch at a time, into
 * `<table>.csv` and data.json; index.html says what each file is; the subject's invoices and credit
 * notes follow as PDFs. A table classified later joins without code here. The ZIP is encrypted while
 * it is written to storage (never in the clear on disk), then the export is marked ready, its expiry
 * counted from now, and the person mailed in the same transaction.
 *
 * A failure removes the half-written file and throws, so pg-boss retries; after the last attempt the
 * export is marked failed, and My data offers to try again.
 */
export async function buildDataExport(exportId: string, options: TBuildOptions = {}): Promise<TBuildDataExportOutcome> {
  const storage = options.storage ?? mediaStorage();
  const [row] = await db.select({ subjectUserId: dataExports.subjectUserId, status: dataExports.status }).from(dataExports).where(eq(dataExports.id, exportId));
  if (!row || row.status !== 'pending') return 'not-pending';

  const object = dataExportObject(createStorageKey());
  try {
    const written = await writeEncryptedZip({ exportId, subjectUserId: row.subjectUserId, map: options.map ?? defaultDataMap }, object, storage);
    if (await finishExport(exportId, row.subjectUserId, object, written)) return 'ready';
    await storage.delete(object);
    return 'not-pending';
  } catch (error) {
    await storage.delete(object).catch(() => undefined);
    if (options.isLastAttempt) {
      logLine('error', 'privacy', `data export ${exportId} could not be built after the last attempt; marked failed`);
      await db.update(dataExports).set({ status: 'failed' }).where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'pending')));
    }
    throw error;
  }
}

export type TExportTable = TDataGroupDescription & {
  fileName: string;
  columns: TExportColumn[];
  from: SQL;
  orderBy: string[];
  rowCount: number;
};

/** The subject of the export's transaction, read by its COPY queries (which take no parameters). */
const EXPORT_SUBJECT_SETTING = 'stockroom.export_subject';
// A scalar subquery, so Postgres reads the setting once per query (an init plan) and finds the rows
// through the subject's index; a bare current_setting() is called again for every row it filters.
const exportSubject = sql`(select current_setting(${sql.raw(`'${EXPORT_SUBJECT_SETTING}'`)})::uuid)`;

/**
 * The export's reads: one snapshot, so the CSVs, data.json and the index describe the same moment;
 * times in UTC (Postgres writes them in the session's zone, the server's setting unless set here);
 * the subject as a setting of the transaction, for the COPY queries, which take no parameters.
 */
export async function beginExportTransaction(client: Pick<ClientBase, 'query'>, subjectUserId: string): Promise<void> {
  await client.query('begin isolation level repeatable read read only');
  await client.query(`set local timezone = 'UTC'`);
  await client.query(`set local datestyle = 'ISO, YMD'`);
  // Room to sort a group's rows by key in memory (100,000 activity rows take about 18 MB); with the
  // default 4 MB the sort spills to disk or the planner walks the whole table in key order instead.
  await client.query(`set local work_mem = '64MB'`);
  await client.query(`select set_config($1, $2, true)`, [EXPORT_SUBJECT_SETTING, subjectUserId]);
}

/**
 * Each entry is appended as a stream the archive pulls from, and the next only once the archive
 * has taken it: Postgres writes each file (COPY ... TO STDOUT) as fast as the archive takes it, so
 * memory holds a chunk whatever the size. Everything is read in one repeatable-read transaction on
 * a connection of its own, so the CSVs, data.json and the index describe the same moment.
 */
async function writeEncryptedZip(
  subject: { exportId: string; subjectUserId: string; map: TDataMap },
  object: TMediaObject,
  storage: TMediaStorage,
): Promise<{ sealing: TFileSealing; bytes: number }> {
  // Deflate at level 1: the CSVs and data.json shrink nearly as much as at the default 6 for a
  // fraction of the CPU (bench/privacy); the PDFs are compressed already and are stored as they are.
  const archive = archiver('zip', { zlib: { level: 1 } });
  const { sealing, stream: encrypt } = encryptingStream(subject.exportId);
  archive.on('error', (error) => encrypt.destroy(error));
  const written = storage.putStream(object, archive.pipe(encrypt) as Transform);
  const stopped = new Promise<never>((_, reject) => {
    archive.on('error', reject);
    written.catch(reject);
  });
  stopped.catch(() => undefined);

  const append = async (name: string, source: Iterable<string> | AsyncIterable<string | Buffer> | Readable) => {
    const readable = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    const failed = once(readable, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined);
    const entered = once(archive, 'entry');
    archive.append(readable, { name });
    await Promise.race([entered, stopped, failed]);
  };

  // Files already in memory (the invoice PDFs, stored uncompressed: a PDF is compressed already),
  // handed over all at once: resolves when the archive has taken the last of them.
  const appendStored: TAppendFiles = (files) => {
    if (!files.length) return Promise.resolve();
    let taken = 0;
    const allTaken = new Promise<void>((resolve) => {
      const onEntry = () => {
        if (++taken < files.length) return;
        archive.off('entry', onEntry);
        resolve();
      };
      archive.on('entry', onEntry);
    });
    for (const file of files) archive.append(file.data, { name: file.name, store: true });
    return Promise.race([allTaken, stopped]);
  };

  let client: PoolClient | undefined;
  let connectionFailure: Error | undefined;
  try {
    const dedicated = await dedicatedConnection();
    client = dedicated.client;
    const connection = dedicated.db;
    await beginExportTransaction(client, subject.subjectUserId);
    const tables = await exportTables(connection, subject.map);
    for (const table of tables) await append(table.fileName, tableCsv(dedicated.client, table));
    await append('data.json', dataJson(dedicated.client, tables));
    await append('index.html', [indexHtml(tables)]);
    await appendInvoicePdfs(connection, subject.subjectUserId, appendStored);
    await client.query('commit');
    await Promise.race([archive.finalize(), stopped]);
    return { sealing, bytes: await written };
  } catch (error) {
    connectionFailure = error as Error;
    archive.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  } finally {
    // A COPY broken off leaves the connection in a state nobody knows: the pool closes it rather than reuse it.
    client?.release(connectionFailure);
  }
}

/** Every group of the map with what its files need: columns and their types, the joins to the subject, the key to order by. */
export async function exportTables(executor: TExecutor, map: TDataMap): Promise<TExportTable[]> {
  const names = subjectTables(map);
  const retention = await retentionDescriptionsInForce(executor);
  // Two catalogue queries for all tables: one a table cost a hundred round trips per export.
  const typesOf = await columnTypesOfTables(executor, names);
  const keysOf = await primaryKeysOfTables(executor, names);
  return names.map((table) => {
    const types = typesOf.get(table)!;
    return {
      ...describeDataGroup(map, table, retention),
      fileName: `${table}.csv`,
      columns: Object.keys(map[table]!.columns).map((name) => ({ name, dataType: types.get(name), secret: isSecret(map, table, name, types.get(name)) })),
      from: subjectRowsFrom(table, subjectPathOf(map, table)!, exportSubject),
      orderBy: keysOf.get(table)!,
      rowCount: 0,
    };
  });
}

/** `<table>.csv` as Postgres writes it, after a byte-order mark so Excel reads it as UTF-8. */
async function* tableCsv(client: PoolClient, table: TExportTable): AsyncGenerator<string | Buffer> {
  yield CSV_BOM;
  yield* client.query(copyTo(csvCopyQuery(table))) as AsyncIterable<Buffer>;
}

const ROW_START = Buffer.from('\n  ');
const NEXT_ROW_START = Buffer.from(',\n  ');
const LINE_FEED = 0x0a;

/**
 * `{"<table>": [{column: value, ...}, ...], ...}`: every table appears, empty ones as []. Postgres
 * writes one row a line, and a line break inside JSON text is always escaped, so every line feed
 * ends a row: in its place goes the comma and indent before the next row, or nothing after the
 * last. Chunks are cut as bytes, never decoded, so a character split between two chunks passes intact.
 */
async function* dataJson(client: PoolClient, tables: TExportTable[]): AsyncGenerator<string | Buffer> {
  yield '{';
  for (const [tableIndex, table] of tables.entries()) {
    yield `${tableIndex > 0 ? ',' : ''}\n${JSON.stringify(table.table)}: [`;
    table.rowCount = 0;
    let rowOpen = false;
    for await (const chunk of client.query(copyTo(jsonLinesCopyQuery(table))) as AsyncIterable<Buffer>) {
      const parts: Buffer[] = [];
      let start = 0;
      while (start < chunk.length) {
        if (!rowOpen) parts.push(table.rowCount === 0 ? ROW_START : NEXT_ROW_START);
        const end = chunk.indexOf(LINE_FEED, start);
        parts.push(chunk.subarray(start, end === -1 ? chunk.length : end));
        rowOpen = end === -1;
        if (!rowOpen) table.rowCount += 1;
        start = end === -1 ? chunk.length : end + 1;
      }
      yield Buffer.concat(parts);
    }
    yield table.rowCount === 0 ? ']' : '\n]';
  }
  yield '\n}\n';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** lib/ may not use the mail templates' escaper (emails/html.ts is lib/mail's only); this is the same rule. */
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);

function indexHtml(tables: TExportTable[]): string {
  const groups = tables
    .map(
      (table) => `<section>
<h2>${escapeHtml(table.title)}</h2>
<p>${escapeHtml(table.purpose)}</p>
<dl>
<dt>Entries</dt><dd>${table.rowCount}</dd>
<dt>File</dt><dd>${escapeHtml(table.fileName)} (and under "${escapeHtml(table.table)}" in data.json)</dd>
<dt>Legal basis</dt><dd>${escapeHtml(table.legalBases.join('; ') || 'None: no personal values in this group')}</dd>
<dt>How long it is kept</dt><dd>${escapeHtml(table.retention.join('; ') || 'As long as the row it belongs to')}</dd>
</dl>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Your data</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.5}section{border-top:1px solid #ccc;padding-top:.5rem}dt{font-weight:600}dd{margin:0 0 .5rem}</style></head>
<body>
<h1>Your data</h1>
<p>Everything this shop held about you when this copy was made, one group per place it is stored. Each group is a CSV file
(opens in a spreadsheet; text that a spreadsheet would run as a formula starts with a ' so it shows as text); data.json holds
the same in one machine-readable file. Your invoices and credit notes, if you have any, are in the invoices folder as PDFs.</p>
<p>Passwords, the codes in links we send and other secrets are not in this copy: where one is stored, the files say "${escapeHtml(STORED_SECRET)}".
Times are in UTC (ISO 8601).</p>
${groups}
</body>
</html>
`;
}

/**
 * Ready, with its expiry from now, in one transaction with what follows from it: for a copy the
 * person asked for, their mail and the completion of its request on the privacy desk; a copy a
 * staff member made for a mailed request is theirs to hand over (the desk shows it), nobody is
 * mailed. False when the export is no longer pending.
 */
async function finishExport(exportId: string, subjectUserId: string, object: TMediaObject, written: { sealing: TFileSealing; bytes: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const readyAt = new Date();
    const days = await getSetting('privacy.exportDays', tx);
    const expiresAt = new Date(readyAt.getTime() + days * 86_400_000);
    const [updated] = await tx
      .update(dataExports)
      .set({ status: 'ready', storageKey: object.key, keyId: written.sealing.keyId, iv: written.sealing.iv, bytes: written.bytes, readyAt, expiresAt })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'pending')))
      .returning({ id: dataExports.id, requestedByUserId: dataExports.requestedByUserId });
    if (!updated) return false;
    if (updated.requestedByUserId !== subjectUserId) return true;
    const completed = await tx
      .update(privacyRequests)
      .set({ state: 'completed', closedAt: readyAt, outcome: 'The copy of your data was made and offered for download in My data.', updatedAt: readyAt })
      .where(and(eq(privacyRequests.dataExportId, exportId), eq(privacyRequests.source, 'self_service'), eq(privacyRequests.state, 'open')))
      .returning({ id: privacyRequests.id });
    for (const request of completed) {
      await recordAuditEntry(tx, { actorKind: 'system', actorUserId: null, action: 'privacy.request-completed', subjectUserId, objectType: 'privacy-request', objectId: request.id });
    }
    const [person] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(eq(users.id, subjectUserId));
    if (!person) throw new Error(`The subject of data export ${exportId} is gone`);
    await queueMail(tx, {
      template: 'data-export-ready',
      to: { address: person.email, name: person.fullName },
      subjectUserId,
      data: { name: person.fullName, expiresAt, myDataUrl: myDataUrl() },
    });
    return true;
  });
}
