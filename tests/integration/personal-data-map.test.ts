import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { infrastructureSchemas, personalDataMap } from '@/lib/privacy/data-map';
import type { TTableEntry } from '@/lib/privacy/classification';

type TColumnRow = { table_schema: string; table_name: string; column_name: string };

async function columnsInDatabase() {
  const result = await db.execute<TColumnRow>(sql`
    select c.table_schema, c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema not in ('pg_catalog', 'information_schema') and t.table_type = 'BASE TABLE'
    order by 1, 2, 3`);
  return result.rows;
}

describe('personal-data map', () => {
  it('classifies every column of every application table', async () => {
    const rows = await columnsInDatabase();
    const unclassified = rows
      .filter((row) => row.table_schema === 'public')
      .filter((row) => {
        const table = personalDataMap[row.table_name as keyof typeof personalDataMap];
        return !table || !(row.column_name in table.columns);
      })
      .map((row) => `${row.table_name}.${row.column_name}`);
    expect(unclassified).toEqual([]);
  });

  it('names no column that does not exist', async () => {
    const rows = await columnsInDatabase();
    const existing = new Set(rows.filter((row) => row.table_schema === 'public').map((row) => `${row.table_name}.${row.column_name}`));
    const stale = Object.entries(personalDataMap).flatMap(([table, entry]) =>
      Object.keys(entry.columns)
        .map((column) => `${table}.${column}`)
        .filter((name) => !existing.has(name)),
    );
    expect(stale).toEqual([]);
  });

  it('declares every other schema as infrastructure', async () => {
    const rows = await columnsInDatabase();
    const schemas = [...new Set(rows.map((row) => row.table_schema))].filter((schema) => schema !== 'public');
    const undeclared = schemas.filter((schema) => !(schema in infrastructureSchemas));
    expect(undeclared).toEqual([]);
  });

  it('names, for each table that holds personal data, a subject column that exists', () => {
    for (const [table, entry] of Object.entries(personalDataMap)) {
      const holdsSubjectData = Object.values(entry.columns).some(
        (column) => column.personal && column.category !== 'contributor' && column.category !== 'staff',
      );
      if (!holdsSubjectData) continue;
      const via = 'subjectVia' in entry ? entry.subjectVia : undefined;
      const subjectColumn = 'subjectColumn' in entry ? entry.subjectColumn : undefined;
      expect.soft(subjectColumn ?? via ?? null, `${table} needs a subjectColumn or subjectVia`).not.toBeNull();
      if (subjectColumn) expect.soft(entry.columns).toHaveProperty(subjectColumn);
      if (via) {
        expect.soft(entry.columns, `${table}.subjectVia`).toHaveProperty(via.column);
        const parent: TTableEntry | undefined = (personalDataMap as Record<string, TTableEntry>)[via.parentTable];
        expect.soft(parent?.subjectColumn, `${table}: the parent ${via.parentTable} needs a subjectColumn`).toBeTruthy();
        expect.soft(parent?.columns ?? {}).toHaveProperty(via.parentColumn);
      }
    }
  });
});
