import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createScratchDatabase } from '@/tooling/scratch-database';
import { databaseEnv } from '@/lib/env';

async function databaseNames(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>('select datname from pg_database')).rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

describe('scratch databases', () => {
  it('are removed by a later run when a killed run left them behind for over a day', async () => {
    const server = databaseEnv().DATABASE_URL!;
    const prefix = 'stockroom_scratchcheck';
    const stale = `${prefix}_${(Date.now() - 2 * 86_400_000).toString(36)}_abcdef`;
    const recent = await createScratchDatabase(server, prefix);
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${admin.escapeIdentifier(stale)}`);
    await admin.end();

    const next = await createScratchDatabase(server, prefix);
    const names = await databaseNames(server);
    expect(names).not.toContain(stale);
    expect(names).toContain(recent.name);
    expect(names).toContain(next.name);
    await recent.drop();
    await next.drop();
  });
});
