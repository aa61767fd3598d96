import { createServer, type Server } from 'node:http';
import next from 'next';
import { serverEnv } from '@/lib/env';
import { baselineSecurityHeaders } from '@/lib/http/security-headers';
import { stampRequest } from '@/lib/http/stamp-request';
import { logLine } from '@/lib/log/log-line';
import { errorFrames, errorSummary } from '@/lib/log/error-summary';
import { ActivityBatch } from '@/lib/activity/activity-batch';
import { PageCache } from './page-cache';
import { PAGE_CACHE_MAX_BYTES, PAGE_TTL_MS, withPageCache } from './serve-with-page-cache';

export type TWebServer = { url: string; close: () => Promise<void> };

/**
 * Serves the Next.js app. Stamps each request with the client's address under a header the client
 * cannot set (any incoming copy is overwritten): the socket peer, or behind a proxy listed in
 * TRUSTED_PROXIES the address it forwarded (lib/http/stamp-request.ts), so IP-based decisions never
 * trust a header from anyone else. Sets the baseline security headers before Next.js writes
 * anything.
 */
export async function startWebServer(options: { port: number; host: string; dev: boolean; https: boolean }): Promise<TWebServer> {
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: options.host, port: options.port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const guestVisits = new ActivityBatch();
  // Development renders every request, so an edit shows at once.
  const handle = options.dev
    ? nextHandler
    : withPageCache(nextHandler, { cache: new PageCache({ ttlMs: PAGE_TTL_MS, maxBytes: PAGE_CACHE_MAX_BYTES }), guestVisits });
  const headers = Object.entries(baselineSecurityHeaders({ https: options.https }));
  const { TRUSTED_PROXIES } = serverEnv();

  const server: Server = createServer((request, response) => {
    stampRequest(request, TRUSTED_PROXIES);
    for (const [name, value] of headers) response.setHeader(name, value);
    response.removeHeader('X-Powered-By');
    handle(request, response).catch((error: unknown) => {
      logLine('error', 'http', `unhandled: ${errorSummary(error)} ${errorFrames(error)}`);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  server.keepAliveTimeout = 65_000;

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
      await guestVisits.flush();
    },
  };
}
