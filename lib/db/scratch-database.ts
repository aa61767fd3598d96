import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on the same server, for one test run; dropped afterwards. */
export async function createScratchDatabase(serverUrl: string, prefix = 'stockroom_test') {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (client) => client.query(`create database ${client.escapeIdentifier(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(admin.toString(), (client) =>
        client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
      ),
  };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
