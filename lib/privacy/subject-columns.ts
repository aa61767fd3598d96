import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { TExecutor } from '@/lib/db/client';
import type { TDataMap } from './subject-path';
import { ROW_ALIAS } from './subject-rows';

/*
 * What the readers of a subject's rows (My data, the data export) learn about a table's columns
 * from the database, and the one rule both apply: a secret is never read as a value.
 */

/** Each table's columns and their types (information_schema's data_type), in one query for all of them. */
export async function columnTypesOfTables(executor: TExecutor, tables: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const result = await executor.execute<{ table_name: string; column_name: string; data_type: string }>(
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() and table_name = any(${sql.param([...tables])}::text[])`,
  );
  const types = new Map(tables.map((table) => [table, new Map<string, string>()]));
  for (const row of result.rows) types.get(row.table_name)!.set(row.column_name, row.data_type);
  return types;
}

export const columnTypes = async (executor: TExecutor, table: string): Promise<Map<string, string>> => (await columnTypesOfTables(executor, [table])).get(table)!;

/** Each table's primary key columns in key order, in one query for all of them. */
export async function primaryKeysOfTables(executor: TExecutor, tables: readonly string[]): Promise<Map<string, string[]>> {
  const result = await executor.execute<{ table_name: string; attname: string }>(sql`
    select t.name as table_name, a.attname
    from unnest(${sql.param([...tables])}::text[]) as t(name)
    join pg_index i on i.indrelid = to_regclass(quote_ident(t.name)) and i.indisprimary
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    order by t.name, array_position(i.indkey::int2[], a.attnum)`);
  const keys = new Map(tables.map((table) => [table, [] as string[]]));
  for (const row of result.rows) keys.get(row.table_name)!.push(row.attname);
  return keys;
}

export const primaryKeyOf = async (executor: TExecutor, table: string): Promise<string[]> => (await primaryKeysOfTables(executor, [table])).get(table)!;

/** A column whose value is a secret or sealed: only whether it is set is ever read from the database. */
export function isSecret(map: TDataMap, table: string, column: string, dataType: string | undefined): boolean {
  const classification = map[table]!.columns[column]!;
  return (
    (classification.personal && classification.category === 'credentials') ||
    dataType === 'bytea' ||
    (map[table]!.valuesNotShown ?? []).includes(column)
  );
}


/** The select list of a subject's rows: column i as c<i>, a secret only as whether it is set (a boolean). */
export function safeSelectList(columnNames: readonly string[], secrets: readonly boolean[]): SQL[] {
  const column = (name: string) => sql`${sql.identifier(ROW_ALIAS)}.${sql.identifier(name)}`;
  return columnNames.map((name, index) =>
    secrets[index] ? sql`(${column(name)} is not null) as ${sql.identifier(`c${index}`)}` : sql`${column(name)} as ${sql.identifier(`c${index}`)}`,
  );
}
