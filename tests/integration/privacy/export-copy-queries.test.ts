/**
 * The cell rules of the data export, which Postgres applies while it writes the files (COPY ... TO
 * STDOUT): formula escaping, secrets, times, JSON and arrays, quoting of line breaks. A throwaway table with one column of each kind, read the way the export reads it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, db, dedicatedConnection } from '@/lib/db/client';
import { csvCopyQuery, jsonLinesCopyQuery, STORED_SECRET, type TExportColumn } from '@/lib/privacy/export-copy-queries';
import { to as copyTo } from 'pg-copy-streams';
import { buffer } from 'node:stream/consumers';

const TABLE = 'export_copy_cells_test';
const columns: TExportColumn[] = [
  { name: 'id', dataType: 'integer', secret: false },
  { name: 'note', dataType: 'text', secret: false },
  { name: 'amount', dataType: 'bigint', secret: false },
  { name: 'active', dataType: 'boolean', secret: false },
  { name: 'seen_at', dataType: 'timestamp with time zone', secret: false },
  { name: 'details', dataType: 'jsonb', secret: false },
  { name: 'tags', dataType: 'ARRAY', secret: false },
  { name: 'token_hash', dataType: 'text', secret: true },
  { name: 'sealed', dataType: 'bytea', secret: true },
];
const from = sql`from ${sql.identifier(TABLE)} as r0`;

const NOTES = ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tlead', '\rlead', 'plain', 'line\nbreak', '\\.', '', null] as const;

beforeAll(async () => {
  await db.execute(sql.raw(`drop table if exists ${TABLE}`));
  await db.execute(
    sql.raw(`create table ${TABLE} (id integer primary key, note text, amount bigint, active boolean, seen_at timestamptz, details jsonb, tags text[], token_hash text, sealed bytea)`),
  );
  for (const [index, note] of NOTES.entries()) {
    await db.execute(sql`insert into ${sql.identifier(TABLE)} values (${index + 1}, ${note}, ${-500 - index}, ${index % 2 === 0}, ${'2026-01-02T03:04:05.678Z'}, ${JSON.stringify({ said: '=HYPERLINK("x")', n: index })}::jsonb, array['=a', 'b'], ${index === 0 ? 'secret-hash' : null}, ${index === 0 ? Buffer.from('sealed') : null})`);
  }
});
afterAll(async () => {
  await db.execute(sql.raw(`drop table if exists ${TABLE}`));
  await closeDatabase();
});

async function copied(query: string): Promise<string> {
  const { client } = await dedicatedConnection();
  try {
    await client.query('begin');
    // On a server in another zone: the export's transaction sets UTC the same way.
    await client.query(`set local timezone = 'UTC'`);
    const text = (await buffer(client.query(copyTo(query)))).toString('utf8');
    await client.query('commit');
    return text;
  } finally {
    client.release();
  }
}

/** RFC 4180 reading, enough for these cells: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted && character === '"' && text[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (character === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += character;
    } else if (character === ',') {
      endCell();
    } else if (character === '\n') {
      endCell();
      records.push(record);
      record = [];
    } else {
      cell += character;
    }
  }
  return records;
}

describe('a CSV written by Postgres', () => {
  it('starts every text a spreadsheet would run as a formula with a quote, and nothing else', async () => {
    const [header, ...rows] = parseCsv(await copied(csvCopyQuery({ columns, from, orderBy: ['id'] })));
    expect(header).toEqual(columns.map((column) => column.name));
    expect(rows.map((row) => row[1])).toEqual(["'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tlead", "'\rlead", 'plain', 'line\nbreak', '\\.', '', '']);
  });

  it('quotes a lone line break and a carriage return, so no record is split; tells an empty text from no value', async () => {
    const text = await copied(csvCopyQuery({ columns, from, orderBy: ['id'] }));
    expect(text).toContain('"line\nbreak"');
    expect(text).toContain(`"'\rlead"`);
    expect(text).toContain('\n10,"",');
    expect(text).toContain('\n11,,');
  });

  it('writes numbers as numbers, booleans as words, times in UTC, JSON and arrays as JSON, secrets only as stored', async () => {
    const [, first, second] = parseCsv(await copied(csvCopyQuery({ columns, from, orderBy: ['id'] })));
    expect(first).toEqual([
      '1',
      "'=1+1",
      '-500',
      'true',
      '2026-01-02 03:04:05.678+00',
      '{"n": 0, "said": "=HYPERLINK(\\"x\\")"}',
      '["=a","b"]',
      STORED_SECRET,
      STORED_SECRET,
    ]);
    expect(second!.slice(3)).toEqual(['false', '2026-01-02 03:04:05.678+00', '{"n": 1, "said": "=HYPERLINK(\\"x\\")"}', '["=a","b"]', '', '']);
  });
});

describe('data.json lines written by Postgres', () => {
  it('are one JSON object a line with the typed values, the secrets only as stored and the texts as they are', async () => {
    const text = await copied(jsonLinesCopyQuery({ columns, from, orderBy: ['id'] }));
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => row.note)).toEqual([...NOTES]);
    expect(rows[0]).toEqual({
      id: 1,
      note: '=1+1',
      amount: -500,
      active: true,
      seen_at: '2026-01-02T03:04:05.678+00:00',
      details: { said: '=HYPERLINK("x")', n: 0 },
      tags: ['=a', 'b'],
      token_hash: STORED_SECRET,
      sealed: STORED_SECRET,
    });
    expect(rows[1]).toMatchObject({ token_hash: null, sealed: null });
  });

  it('refuses a query with a bound parameter instead of inlining it', () => {
    expect(() => csvCopyQuery({ columns, from: sql`${from} where r0.id = ${1}`, orderBy: ['id'] })).toThrow(/cannot carry parameters/);
  });
});
