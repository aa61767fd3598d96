import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway database on the same server, for one test run; dropped afterwards. With `template`
 * it is a copy of that database (which nobody may be connected to while it is copied).
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'stockroom_test', template?: string) {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (client) => {
    await dropStaleScratchDatabases(client, prefix);
    const copyOf = template ? ` template ${client.escapeIdentifier(template)}` : '';
    await client.query(`create database ${client.escapeIdentifier(name)}${copyOf}`);
  });
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

/** A run that was killed never dropped its database: remove those of the same prefix older than a day. */
async function dropStaleScratchDatabases(client: pg.Client, prefix: string) {
  const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}\\_%`]);
  for (const { datname } of rows) {
    const created = parseInt(datname.slice(prefix.length + 1).split('_')[0] ?? '', 36);
    if (Number.isFinite(created) && Date.now() - created > 86_400_000) {
      await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
    }
  }
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
