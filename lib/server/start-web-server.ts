import { createServer, type Server } from 'node:http';
import next from 'next';
import type { Duplex } from 'node:stream';
import { serverEnv } from '@/lib/env';
import { ALLOWED_METHODS, refusalOf } from '@/lib/http/request-line';
import { baselineSecurityHeaders } from '@/lib/http/security-headers';
import { stampRequest } from '@/lib/http/stamp-request';
import { logLine } from '@/lib/log/log-line';
import { errorFrames, errorSummary } from '@/lib/log/error-summary';
import { ActivityBatch } from '@/lib/activity/activity-batch';
import { flushUsageCounts } from '@/lib/usage/count-usage';
import { forgetSearchCounts } from '@/lib/catalog/search-count-cache';
import { databaseEnv } from '@/lib/env';
import { listenForCatalogChanges } from './listen-for-catalog-changes';
import { PageCache } from './page-cache';
import { PAGE_CACHE_MAX_BYTES, PAGE_TTL_MS, withPageCache } from './serve-with-page-cache';

export type TWebServer = { url: string; close: () => Promise<void> };

/**
 * Serves the Next.js app. Stamps each request with the client's address under a header the client
 * cannot set (any incoming copy is overwritten): the socket peer, or behind a proxy listed in
 * TRUSTED_PROXIES the address it forwarded (lib/http/stamp-request.ts), so IP-based decisions never
 * trust a header from anyone else. Sets the baseline security headers before Next.js writes
 * anything, and refuses what Next.js would answer with a 500 (an unknown method, a path that does
 * not decode) before it gets there.
 */
export async function startWebServer(options: { port: number; host: string; dev: boolean; https: boolean }): Promise<TWebServer> {
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: options.host, port: options.port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const guestVisits = new ActivityBatch();
  // Development renders every request, so an edit shows at once.
  const pageCache = options.dev ? null : new PageCache({ ttlMs: PAGE_TTL_MS, maxBytes: PAGE_CACHE_MAX_BYTES });
  const handle = pageCache ? withPageCache(nextHandler, { cache: pageCache, guestVisits }) : nextHandler;
  // A publish, unpublish or price change committed by any process shows in this one at once.
  const catalogListener = listenForCatalogChanges({
    connectionString: databaseEnv().DATABASE_URL ?? '',
    onChange: () => {
      pageCache?.clear();
      forgetSearchCounts();
    },
  });
  await catalogListener.ready;
  const headers = Object.entries(baselineSecurityHeaders({ https: options.https }));
  const { TRUSTED_PROXIES } = serverEnv();

  const server: Server = createServer((request, response) => {
    stampRequest(request, TRUSTED_PROXIES);
    for (const [name, value] of headers) response.setHeader(name, value);
    response.removeHeader('X-Powered-By');
    const refusal = refusalOf(request.method, request.url);
    if (refusal) {
      response.writeHead(refusal.status, { ...refusal.headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(`${refusal.reason}\n`);
      return;
    }
    handle(request, response).catch((error: unknown) => {
      logLine('error', 'http', `unhandled: ${errorSummary(error)} ${errorFrames(error)}`);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  // Node hands CONNECT to this event instead of the handler above, and drops the connection when nobody listens.
  server.on('connect', (_request, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(', ')}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });

  return {
    url: `http://localhost:${options.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await catalogListener.close();
      await guestVisits.flush();
      await flushUsageCounts();
    },
  };
}
