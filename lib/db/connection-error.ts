const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name could not be resolved',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  '28P01': 'password authentication failed',
  '28000': 'authentication rejected',
  '3D000': 'database does not exist',
};

/** One line naming host and port, for a database that cannot be reached at start. */
export function describeConnectionError(url: string, error: unknown): string {
  const { host, port, database } = describeUrl(url);
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const reason = reasons[code] ?? (/timeout/i.test(message) ? 'connection timed out' : message.split('\n')[0]);
  return `Cannot reach PostgreSQL at ${host}:${port} (database "${database}"): ${reason}. Check DATABASE_URL.`;
}

export function describeUrl(url: string) {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname || 'localhost',
      port: parsed.port || '5432',
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    };
  } catch {
    return { host: 'unknown', port: 'unknown', database: 'unknown' };
  }
}
