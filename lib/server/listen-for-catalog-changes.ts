import { Client } from 'pg';
import { CATALOG_CHANGED_CHANNEL } from '@/lib/catalog/catalog-changed';
import { errorSummary } from '@/lib/log/error-summary';
import { logLine } from '@/lib/log/log-line';

/** How the listener's connection names itself in pg_stat_activity (tests end it by this name). */
export const CATALOG_LISTENER_APPLICATION_NAME = 'stockroom-catalog-listener';

export type TCatalogListener = {
  /** Settles once the first LISTEN is in place (or the first attempt failed; it keeps retrying). */
  ready: Promise<void>;
  close: () => Promise<void>;
};

type TListenOptions = {
  connectionString: string;
  onChange: () => void;
  /** The first wait before reconnecting after a drop; doubled after each failure, up to 30 s. */
  retryMs?: number;
};

const MAX_RETRY_MS = 30_000;

/**
 * One dedicated connection per web process (outside the pool: a LISTEN lives as long as its
 * session) that calls onChange for every catalog change any process commits. After a drop it
 * reconnects, and calls onChange once it is listening again, because a change committed while it
 * was away was never delivered to it.
 */
export function listenForCatalogChanges({ connectionString, onChange, retryMs = 500 }: TListenOptions): TCatalogListener {
  let client: Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let delay = retryMs;
  let connectedBefore = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  };

  const connect = async () => {
    const next = new Client({ connectionString, application_name: CATALOG_LISTENER_APPLICATION_NAME, keepAlive: true });
    client = next;
    let dropped = false;
    const drop = (reason: string) => {
      if (dropped) return;
      dropped = true;
      if (client === next) client = null;
      next.end().catch(() => {});
      if (closed) return;
      logLine('warn', 'catalog-listener', `connection lost (${reason}); reconnecting`);
      scheduleReconnect();
    };
    next.on('error', (error) => drop(errorSummary(error)));
    next.on('end', () => drop('ended'));
    next.on('notification', (message) => {
      if (message.channel === CATALOG_CHANGED_CHANNEL) onChange();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CATALOG_CHANGED_CHANNEL}`);
    } catch (error) {
      drop(errorSummary(error));
      markReady();
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    delay = retryMs;
    if (connectedBefore) onChange();
    connectedBefore = true;
    markReady();
  };

  void connect();

  return {
    ready,
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
