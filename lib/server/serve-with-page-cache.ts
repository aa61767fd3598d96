import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ActivityBatch } from '@/lib/activity/activity-batch';
import { activityRow } from '@/lib/activity/record-activity';
import { clientInfoFrom } from '@/lib/http/client-info';
import { createNonce } from '@/lib/http/security-headers';
import { countUsage } from '@/lib/usage/count-usage';
import { activityUsageFeature } from '@/lib/usage/usage-features';
import { cacheablePage } from './cacheable-pages';
import { PageCache, pageWithNonce, storablePage, type TPageToSend } from './page-cache';

type THandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export const CACHE_STATUS_HEADER = 'x-stockroom-cache';

/**
 * A rendered catalogue page lives this long: a search repeated within it costs no render and no
 * query. Prices, titles and publication changes reach guests within this time; signed-in customers
 * always get a fresh render.
 */
export const PAGE_TTL_MS = 30_000;
export const PAGE_CACHE_MAX_BYTES = 64 * 2 ** 20;

/**
 * Puts the page cache in front of Next's handler: a cacheable request is answered from the cache
 * when it can be, with a fresh nonce, and otherwise rendered by Next while the response is copied
 * into the cache. Every other request goes straight to Next.
 */
export function withPageCache(handle: THandler, options: { cache: PageCache; guestVisits: ActivityBatch }): THandler {
  const { cache, guestVisits } = options;
  return async (request, response) => {
    const cacheable = cacheablePage(request);
    if (!cacheable) return handle(request, response);

    const cached = cache.get(cacheable.key);
    if (cached) {
      // As the rendered page does with after(): once the response is over, sent in full or not.
      // Only guests reach the cache.
      response.once('close', () => {
        const visit = cacheable.visit();
        if (!visit) return;
        guestVisits.add(activityRow(visit, { userId: null, client: clientInfoFrom(request.headers) }));
        countUsage(activityUsageFeature[visit.kind]);
      });
      return serveCached(pageWithNonce(cached, createNonce()), request, response);
    }

    const startedAt = Date.now();
    // Rendered uncompressed so the copy can be served to anyone; hits are compressed on the way out.
    delete request.headers['accept-encoding'];
    response.setHeader(CACHE_STATUS_HEADER, 'miss');
    copyBodyOnFinish(response, (body) => {
      const page = storablePage({ statusCode: response.statusCode, headers: response.getHeaders(), body }, { ttlMs: cache.ttlMs, now: startedAt });
      if (page) cache.set(cacheable.key, page);
    });
    return handle(request, response);
  };
}

function serveCached(page: TPageToSend, request: IncomingMessage, response: ServerResponse) {
  response.statusCode = page.statusCode;
  for (const [name, value] of page.headers) response.setHeader(name, value);
  response.setHeader(CACHE_STATUS_HEADER, 'hit');
  let body = page.body;
  if (acceptsGzip(request.headers['accept-encoding'])) {
    // Level 1: a few hundred microseconds for a results page, most of the size saving of level 6.
    body = gzipSync(body, { level: 1 });
    page.sent();
    response.setHeader('content-encoding', 'gzip');
    const vary = String(response.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary)) response.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  }
  response.setHeader('content-length', body.length);
  // The callback runs once the bytes are with the socket, so the page's copy is free again.
  response.end(body, body === page.body ? page.sent : undefined);
}

/** Whether Accept-Encoding gives gzip (or, failing a gzip entry, '*') a quality above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const qualities = new Map(
    header.split(',').map((part) => {
      const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const quality = parameters.find((parameter) => parameter.startsWith('q='));
      return [coding, quality === undefined ? 1 : Number(quality.slice(2))] as const;
    }),
  );
  return (qualities.get('gzip') ?? qualities.get('*') ?? 0) > 0;
}

/** Copies what Next writes; `onComplete` sees the whole body once the response has been sent in full. */
function copyBodyOnFinish(response: ServerResponse, onComplete: (body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
  // 'finish' means every byte was handed to the socket; a client that went away leaves no partial page.
  response.once('finish', () => onComplete(Buffer.concat(chunks)));
}
