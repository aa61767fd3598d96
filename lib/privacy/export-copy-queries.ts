import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { ROW_ALIAS } from './subject-rows';

/** How a secret column appears in the files: that one is stored, never its value (as on My data). */
export const STORED_SECRET = '(stored, not shown)';

export type TExportColumn = { name: string; dataType: string | undefined; secret: boolean };

/*
 * The data export's files are written by Postgres (COPY ... TO STDOUT), not cell by cell in
 * JavaScript: parsing every row into JS values and writing it twice cost 10x to 13x a plain COPY of
 * the same rows (bench/privacy). So the rules every cell follows are SQL here:
 * - a secret (credentials, bytea, the map's valuesNotShown) is read only as whether it is set;
 * - times are in UTC (the transaction's zone): 2026-12-03 04:01:22.123+00 in a CSV, as Postgres
 *   writes them, and 2026-12-03T04:01:22.123+00:00 in data.json, as JSON writes them (to_json in
 *   the CSV cost as much as the rest of the row);
 * - in a CSV, a text starting with = + - @, a tab or a carriage return gets a leading ' so a
 *   spreadsheet shows it as text (checklist 36; lib/export/csv-cell.ts is the same rule for the
 *   exports built in JavaScript). Values Postgres writes from a type (numbers, times, ids,
 *   addresses, our enums) cannot start a formula, nor can JSON (an object, array or string starts
 *   with { [ or ", a negative number is a number); any other type is tested as text. The test is
 *   ascii(), cheaper than left() or a regular expression on 100,000 rows.
 */

const TEXT_TYPES = new Set(['text', 'character varying', 'character']);
const TYPED_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'timestamp with time zone',
  'timestamp without time zone',
  'date',
  'time without time zone',
  'time with time zone',
  'interval',
  'uuid',
  'inet',
  'cidr',
  'macaddr',
  'json',
  'jsonb',
  'USER-DEFINED',
]);
/** The code points of = + - @, tab and carriage return. */
const FORMULA_STARTS = sql.raw('61, 43, 45, 64, 9, 13');

const columnOf = (name: string) => sql`${sql.identifier(ROW_ALIAS)}.${sql.identifier(name)}`;
const storedSecret = (column: SQL) => sql`case when ${column} is not null then ${sql.raw(`'${STORED_SECRET}'`)} end`;
const formulaSafe = (text: SQL) => sql`case when ascii(${text}) in (${FORMULA_STARTS}) then '''' || ${text} else ${text} end`;

/** One CSV cell of a column. */
export function csvCellSql(column: TExportColumn): SQL {
  const value = columnOf(column.name);
  const type = column.dataType ?? '';
  if (column.secret) return storedSecret(value);
  if (TEXT_TYPES.has(type)) return formulaSafe(value);
  if (TYPED_TYPES.has(type)) return value;
  if (type === 'boolean') return sql`${value}::text`;
  if (type === 'ARRAY') return sql`to_json(${value})`;
  return formulaSafe(sql`${value}::text`);
}

/** One value of a column in data.json: JSON's own types, JSON columns as JSON. */
export function jsonValueSql(column: TExportColumn): SQL {
  const value = columnOf(column.name);
  return column.secret ? storedSecret(value) : value;
}

type TTableQuery = { columns: readonly TExportColumn[]; from: SQL; orderBy: readonly string[] };

const dialect = new PgDialect();

/** COPY takes no bound parameters: a query that still has one is a caller's bug, never inlined here. */
function withoutParameters(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length > 0) throw new Error('A COPY query cannot carry parameters; read the subject from a setting instead');
  return text;
}

const selectList = (columns: readonly TExportColumn[], cell: (column: TExportColumn) => SQL) =>
  sql.join(
    columns.map((column) => sql`${cell(column)} as ${sql.identifier(column.name)}`),
    sql`, `,
  );

const ordered = (orderBy: readonly string[]) =>
  orderBy.length > 0 ? sql.join(orderBy.map(columnOf), sql`, `) : sql`${sql.identifier(ROW_ALIAS)}.ctid`;

/** `<table>.csv`: a header of the map's column names, then one record per row, in key order. */
export function csvCopyQuery({ columns, from, orderBy }: TTableQuery): string {
  return withoutParameters(sql`copy (select ${selectList(columns, csvCellSql)} ${from} order by ${ordered(orderBy)}) to stdout (format csv, header)`);
}

/**
 * The table's rows for data.json, one JSON object a line. CSV format with a quote and delimiter
 * that JSON text never holds raw (Postgres escapes control characters in JSON), so each line is
 * the JSON exactly: the text format would double every backslash.
 */
export function jsonLinesCopyQuery({ columns, from, orderBy }: TTableQuery): string {
  return withoutParameters(
    sql`copy (select row_to_json(export_row)::text from (select ${selectList(columns, jsonValueSql)} ${from} order by ${ordered(orderBy)}) as export_row) to stdout (format csv, delimiter E'\\x02', quote E'\\x01')`,
  );
}
