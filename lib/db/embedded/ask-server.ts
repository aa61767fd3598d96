import 'server-only';
import pg from 'pg';

export class WrongSuperuserPasswordError extends Error {}

/**
 * The data folder of the server answering the superuser on 127.0.0.1:`port`, or undefined while
 * nothing answers there yet (refused, starting up). A wrong password is no reason to wait: it throws.
 */
export async function askServerDataFolder(port: number, password: string): Promise<string | undefined> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    return rows[0]?.data_directory;
  } catch (error) {
    if ((error as { code?: string }).code === '28P01') throw new WrongSuperuserPasswordError(`PostgreSQL on 127.0.0.1:${port} refuses the stored superuser password`);
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}
