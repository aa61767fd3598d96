import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db, type TExecutor } from '@/lib/db/client';
import { describeDataGroup, headingOf, type TDataGroupDescription } from './describe-data-group';
import { defaultDataMap, isMappedTable, subjectPathOf, type TDataMap } from './subject-path';
import { ROW_ALIAS, subjectRowsFrom } from './subject-rows';

export const MY_DATA_PAGE_SIZE = 50;

/** A value as My data shows it: secrets only as "stored", times as times, everything else as text. */
export type TShownValue =
  | { kind: 'empty' }
  | { kind: 'stored' }
  | { kind: 'time'; value: Date }
  | { kind: 'date'; value: Date }
  | { kind: 'text'; text: string };

export type TMyDataTable = {
  group: TDataGroupDescription & { rowCount: number };
  columns: Array<{ name: string; heading: string }>;
  rows: TShownValue[][];
  page: number;
  pageCount: number;
};

const ZTableName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);
const ZPage = z.coerce.number().int().min(1).max(1_000_000).catch(1);

type TColumnType = { column_name: string; data_type: string };

async function columnTypes(executor: TExecutor, table: string): Promise<Map<string, string>> {
  const result = await executor.execute<TColumnType>(
    sql`select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = ${table}`,
  );
  return new Map(result.rows.map((row) => [row.column_name, row.data_type]));
}

async function primaryKeyOf(executor: TExecutor, table: string): Promise<string[]> {
  const result = await executor.execute<{ attname: string }>(sql`
    select a.attname
    from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(quote_ident(${table})) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`);
  return result.rows.map((row) => row.attname);
}

/** A column whose value is a secret or sealed: only whether it is set is ever read from the database. */
function isSecret(map: TDataMap, table: string, column: string, dataType: string | undefined): boolean {
  const classification = map[table]!.columns[column]!;
  return (
    (classification.personal && classification.category === 'credentials') ||
    dataType === 'bytea' ||
    (map[table]!.valuesNotShown ?? []).includes(column)
  );
}

/** JSON as a person reads it: 'company size: 10-50; found us: a friend'. */
function readableJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(readableJson).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${readableJson(inner)}`)
      .join('; ');
  }
  return String(value);
}

function shownValue(raw: unknown, dataType: string | undefined, secret: boolean): TShownValue {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  if (secret) return raw === true ? { kind: 'stored' } : { kind: 'empty' };
  if (dataType?.startsWith('timestamp')) return { kind: 'time', value: raw instanceof Date ? raw : new Date(String(raw)) };
  if (dataType === 'date') {
    const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
    return { kind: 'date', value: new Date(`${text}T00:00:00Z`) };
  }
  if (dataType === 'boolean') return { kind: 'text', text: raw ? 'Yes' : 'No' };
  if (dataType === 'json' || dataType === 'jsonb') {
    const text = readableJson(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (Array.isArray(raw)) return { kind: 'text', text: raw.map(String).join(', ') };
  return { kind: 'text', text: String(raw) };
}

/**
 * One kind of data held about the signed-in person, a page at a time, every column of the map
 * with its value made safe to show. The table named in the URL must be a key of the map that
 * leads to a subject; anything else is null (not found). Rows are ordered by the primary key,
 * newest first where it is a sequence, or by every column when the table has none.
 */
export async function getMyDataTable(
  actor: TCustomerActor,
  input: { table: unknown; page?: unknown },
  map: TDataMap = defaultDataMap,
): Promise<TMyDataTable | null> {
  const parsedTable = ZTableName.safeParse(input.table);
  if (!parsedTable.success || !isMappedTable(map, parsedTable.data)) return null;
  const table = parsedTable.data;
  const path = subjectPathOf(map, table);
  if (!path) return null;
  const requestedPage = ZPage.parse(input.page ?? 1);
  const from = subjectRowsFrom(table, path, actor.userId);
  const columnNames = Object.keys(map[table]!.columns);

  return db.transaction(async (tx) => {
    // One connection: the queries of a transaction run one after another.
    const types = await columnTypes(tx, table);
    const primaryKey = await primaryKeyOf(tx, table);
    const countResult = await tx.execute<{ row_count: number }>(sql`select count(*)::int as row_count ${from}`);
    const rowCount = Number(countResult.rows[0]?.row_count ?? 0);
    const pageCount = Math.max(1, Math.ceil(rowCount / MY_DATA_PAGE_SIZE));
    const page = Math.min(requestedPage, pageCount);
    const column = (name: string) => sql`${sql.identifier(ROW_ALIAS)}.${sql.identifier(name)}`;
    const secrets = columnNames.map((name) => isSecret(map, table, name, types.get(name)));
    const selected = columnNames.map((name, index) =>
      secrets[index] ? sql`(${column(name)} is not null) as ${sql.identifier(`c${index}`)}` : sql`${column(name)} as ${sql.identifier(`c${index}`)}`,
    );
    const orderBy: SQL[] =
      primaryKey.length > 0 ? primaryKey.map((name) => sql`${column(name)} desc`) : columnNames.map((name) => sql`${column(name)}`);
    const result = await tx.execute<Record<string, unknown>>(
      sql`select ${sql.join(selected, sql`, `)} ${from} order by ${sql.join(orderBy, sql`, `)} limit ${MY_DATA_PAGE_SIZE} offset ${(page - 1) * MY_DATA_PAGE_SIZE}`,
    );
    return {
      group: { ...describeDataGroup(map, table), rowCount },
      columns: columnNames.map((name) => ({ name, heading: headingOf(name) })),
      rows: result.rows.map((row) => columnNames.map((name, index) => shownValue(row[`c${index}`], types.get(name), secrets[index]!))),
      page,
      pageCount,
    };
  });
}
