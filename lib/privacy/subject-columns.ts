import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { TExecutor } from '@/lib/db/client';
import type { TDataMap } from './subject-path';
import { ROW_ALIAS } from './subject-rows';

/*
 * What the readers of a subject's rows (My data, the data export) learn about a table's columns
 * from the database, and the one rule both apply: a secret is never read as a value.
 */

type TColumnType = { column_name: string; data_type: string };

export async function columnTypes(executor: TExecutor, table: string): Promise<Map<string, string>> {
  const result = await executor.execute<TColumnType>(
    sql`select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = ${table}`,
  );
  return new Map(result.rows.map((row) => [row.column_name, row.data_type]));
}

export async function primaryKeyOf(executor: TExecutor, table: string): Promise<string[]> {
  const result = await executor.execute<{ attname: string }>(sql`
    select a.attname
    from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(quote_ident(${table})) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`);
  return result.rows.map((row) => row.attname);
}

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
