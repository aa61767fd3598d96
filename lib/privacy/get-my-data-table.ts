import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { TCustomerActor } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { describeDataGroup, headingOf, type TDataGroupDescription } from './describe-data-group';
import { retentionDescriptionsInForce } from './retention-periods';
import { defaultDataMap, isMappedTable, subjectPathOf, type TDataMap } from './subject-path';
import { columnTypes, isSecret, primaryKeyOf, safeSelectList } from './subject-columns';
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
    const selected = safeSelectList(columnNames, secrets);
    const orderBy: SQL[] =
      primaryKey.length > 0 ? primaryKey.map((name) => sql`${column(name)} desc`) : columnNames.map((name) => sql`${column(name)}`);
    const result = await tx.execute<Record<string, unknown>>(
      sql`select ${sql.join(selected, sql`, `)} ${from} order by ${sql.join(orderBy, sql`, `)} limit ${MY_DATA_PAGE_SIZE} offset ${(page - 1) * MY_DATA_PAGE_SIZE}`,
    );
    return {
      group: { ...describeDataGroup(map, table, await retentionDescriptionsInForce(tx)), rowCount },
      columns: columnNames.map((name) => ({ name, heading: headingOf(name) })),
      rows: result.rows.map((row) => columnNames.map((name, index) => shownValue(row[`c${index}`], types.get(name), secrets[index]!))),
      page,
      pageCount,
    };
  });
}
