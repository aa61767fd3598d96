import 'server-only';
import { once } from 'node:events';
import { Readable, type Transform } from 'node:stream';
import archiver from 'archiver';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { dataExports, privacyRequests, users } from '@/db/schema';
import { recordAuditEntry } from '@/lib/audit/record-audit-entry';
import { encryptingStream, type TFileSealing } from '@/lib/crypto/file-cipher';
import { db, type TTransaction } from '@/lib/db/client';
import { CSV_BOM, csvRecords } from '@/lib/export/build-csv';
import type { TCsvValue } from '@/lib/export/csv-cell';
import { logLine } from '@/lib/log/log-line';
import { queueMail } from '@/lib/mail/send-mail';
import { createStorageKey, mediaStorage, type TMediaObject, type TMediaStorage } from '@/lib/media/storage';
import { getSetting } from '@/lib/settings/get-setting';
import { dataExportObject, myDataUrl } from './data-export-object';
import { describeDataGroup, type TDataGroupDescription } from './describe-data-group';
import { appendInvoicePdfs } from './export-invoice-pdfs';
import { retentionDescriptionsInForce } from './retention-periods';
import { columnTypes, isSecret, primaryKeyOf, safeSelectList } from './subject-columns';
import { defaultDataMap, subjectPathOf, subjectTables, type TDataMap } from './subject-path';
import { ROW_ALIAS, subjectRowsFrom } from './subject-rows';

export type TBuildDataExportOutcome = 'ready' | 'not-pending';

/** Rows read per FETCH: the most of one table ever held in memory. */
export const EXPORT_BATCH_ROWS = 1000;

/** How a secret column appears in the files: that one is stored, never its value (as on My data). */
export const STORED_SECRET = '(stored, not shown)';

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

type TExportTable = TDataGroupDescription & {
  fileName: string;
  columnNames: string[];
  dataTypes: Array<string | undefined>;
  secrets: boolean[];
  from: SQL;
  primaryKey: string[];
  rowCount: number;
};

/**
 * Each entry is appended as a stream the archive pulls from, and the next only once the archive
 * has taken it: rows are read a batch at a time as the archive asks for them, so memory holds one
 * batch whatever the size. Everything is read in one repeatable-read transaction, so the CSVs,
 * data.json and the index describe the same moment.
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

  const append = async (name: string, source: Iterable<string> | AsyncIterable<string | Buffer> | Readable, options: { store?: boolean } = {}) => {
    const readable = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
    const failed = once(readable, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined);
    const entered = once(archive, 'entry');
    archive.append(readable, { name, store: options.store ?? false });
    await Promise.race([entered, stopped, failed]);
  };

  try {
    await db.transaction(
      async (tx) => {
        // Every cursor is read to its end: plan for all rows, not for the first tenth (the default).
        // Planned for a fast start, a person's 800 activity rows among 1.8 million walked the whole
        // primary key in id order (2.2 s) instead of their index and a sort (0.3 ms); EXPLAIN in bench/RESULTS.md.
        await tx.execute(sql`set local cursor_tuple_fraction = 1.0`);
        // Times leave Postgres as text in the session's zone and date style (drizzle hands timestamps
        // over unparsed), which are the server's settings unless set here: the files promise UTC.
        await tx.execute(sql`set local timezone = 'UTC'`);
        await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
        const tables = await exportTables(tx, subject.map, subject.subjectUserId);
        for (const table of tables) await append(table.fileName, tableCsv(tx, table));
        await append('data.json', dataJson(tx, tables));
        await append('index.html', [indexHtml(tables)]);
        await appendInvoicePdfs(tx, subject.subjectUserId, append);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await Promise.race([archive.finalize(), stopped]);
    return { sealing, bytes: await written };
  } catch (error) {
    archive.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
}

async function exportTables(tx: TTransaction, map: TDataMap, subjectUserId: string): Promise<TExportTable[]> {
  const tables: TExportTable[] = [];
  const retention = await retentionDescriptionsInForce(tx);
  for (const table of subjectTables(map)) {
    const types = await columnTypes(tx, table);
    const columnNames = Object.keys(map[table]!.columns);
    tables.push({
      ...describeDataGroup(map, table, retention),
      fileName: `${table}.csv`,
      columnNames,
      dataTypes: columnNames.map((name) => types.get(name)),
      secrets: columnNames.map((name) => isSecret(map, table, name, types.get(name))),
      from: subjectRowsFrom(table, subjectPathOf(map, table)!, subjectUserId),
      primaryKey: await primaryKeyOf(tx, table),
      rowCount: 0,
    });
  }
  return tables;
}

let cursorCount = 0;

/**
 * The subject's rows of one table in batches from a server-side cursor in the export's transaction:
 * the query runs once, in primary-key order (the row's physical id where a table has none), and each
 * batch is one FETCH. Keyset paging ran the query again for every batch, and where no index leads
 * from the subject to the key in order (activity_events), each batch walked the key's index past
 * everyone else's rows: a person's activity among millions of other rows cost a table scan per 500.
 */
async function* rowBatches(tx: TTransaction, table: TExportTable): AsyncGenerator<Array<Record<string, unknown>>> {
  const column = (name: string) => sql`${sql.identifier(ROW_ALIAS)}.${sql.identifier(name)}`;
  const keys = table.primaryKey.length > 0 ? table.primaryKey.map(column) : [sql`${sql.identifier(ROW_ALIAS)}.ctid`];
  const cursor = sql.identifier(`data_export_rows_${++cursorCount}`);
  await tx.execute(sql`declare ${cursor} no scroll cursor for select ${sql.join(safeSelectList(table.columnNames, table.secrets), sql`, `)} ${table.from} order by ${sql.join(keys, sql`, `)}`);
  try {
    for (;;) {
      const result: { rows: Array<Record<string, unknown>> } = await tx.execute<Record<string, unknown>>(sql`fetch forward ${sql.raw(String(EXPORT_BATCH_ROWS))} from ${cursor}`);
      if (result.rows.length > 0) yield result.rows;
      if (result.rows.length < EXPORT_BATCH_ROWS) return;
    }
  } finally {
    // After a failure the transaction is aborted and rolls back, cursor and all; the failure is what counts.
    await tx.execute(sql`close ${cursor}`).catch(() => undefined);
  }
}

/** A value as the files hold it: secrets only as stored, times in ISO 8601 (UTC), JSON as JSON. */
function exportedValue(raw: unknown, dataType: string | undefined, secret: boolean): unknown {
  if (raw === null || raw === undefined) return null;
  if (secret) return raw === true ? STORED_SECRET : null;
  if (raw instanceof Date) return dataType === 'date' ? raw.toISOString().slice(0, 10) : raw.toISOString();
  if ((dataType === 'json' || dataType === 'jsonb') && typeof raw === 'string') return JSON.parse(raw) as unknown;
  return raw;
}

const csvValue = (value: unknown): TCsvValue =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);

async function* tableCsv(tx: TTransaction, table: TExportTable): AsyncGenerator<string> {
  table.rowCount = 0;
  yield `${CSV_BOM}${csvRecords([table.columnNames])}`;
  for await (const batch of rowBatches(tx, table)) {
    table.rowCount += batch.length;
    yield csvRecords(batch.map((row) => table.columnNames.map((_, index) => csvValue(exportedValue(row[`c${index}`], table.dataTypes[index], table.secrets[index]!)))));
  }
}

/** `{"<table>": [{column: value, ...}, ...], ...}`, written a batch at a time; every table appears, empty ones as []. */
async function* dataJson(tx: TTransaction, tables: TExportTable[]): AsyncGenerator<string> {
  yield '{';
  for (const [tableIndex, table] of tables.entries()) {
    yield `${tableIndex > 0 ? ',' : ''}\n${JSON.stringify(table.table)}: [`;
    let first = true;
    for await (const batch of rowBatches(tx, table)) {
      const objects = batch.map((row) =>
        JSON.stringify(Object.fromEntries(table.columnNames.map((name, index) => [name, exportedValue(row[`c${index}`], table.dataTypes[index], table.secrets[index]!)]))),
      );
      yield `${first ? '' : ','}\n  ${objects.join(',\n  ')}`;
      first = false;
    }
    yield first ? ']' : '\n]';
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
