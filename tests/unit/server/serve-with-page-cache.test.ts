/**
 * The page cache in front of a real HTTP server. Next.js is replaced by a handler that renders like
 * it (headers, a nonce CSP, a body written in chunks): what is under test is the cache's handling of
 * real sockets, not Next.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityBatch } from '@/lib/activity/activity-batch';
import type { TActivityRow } from '@/lib/activity/record-activity';
import { createNonce, pageContentSecurityPolicy, PEER_HEADER } from '@/lib/http/security-headers';
import { PageCache } from '@/lib/server/page-cache';
import { acceptsGzip, CACHE_STATUS_HEADER, withPageCache } from '@/lib/server/serve-with-page-cache';

/** Larger than loopback socket buffers hold, so a client that stops reading leaves the write pending. */
const PAGE_BYTES = 32 * 2 ** 20;
const filler = Buffer.alloc(PAGE_BYTES, 'x');

let renders = 0;
async function renderLikeNext(_request: IncomingMessage, response: ServerResponse) {
  renders++;
  const nonce = createNonce();
  response.statusCode = 200;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('content-security-policy', pageContentSecurityPolicy(nonce, { dev: false, https: false }));
  response.write(`<html><script nonce="${nonce}">first()</script>`);
  response.write(filler);
  response.end(`<script nonce="${nonce}">last()</script></html>`);
}

const recorded: TActivityRow[] = [];
const guestVisits = new ActivityBatch({ maxDelayMs: 10 }, async (rows) => void recorded.push(...rows));
const handle = withPageCache(renderLikeNext, { cache: new PageCache({ ttlMs: 60_000, maxBytes: 256 * 2 ** 20 }), guestVisits });
// As lib/server/start-web-server.ts does: the peer address, stamped where clients cannot write it.
const server = http.createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
  void handle(request, response);
});
let port: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type TFetched = { status: string | undefined; nonce: string | undefined; encoding: string | undefined; body: Buffer };

/** A GET on a connection of its own; `paused` holds the body unread until `resume` is called. */
function get(path: string, headers: Record<string, string> = {}) {
  let resume: () => void = () => {};
  const done = new Promise<TFetched>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.pause();
      resume = () => response.resume();
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.headers[CACHE_STATUS_HEADER] as string | undefined,
          nonce: /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))?.[1],
          encoding: response.headers['content-encoding'],
          body: Buffer.concat(chunks),
        }),
      );
      paused.resolve();
    });
    request.on('error', reject);
  });
  const paused = Promise.withResolvers<void>();
  return { paused: paused.promise, resume: () => resume(), done };
}

async function fetchWhole(path: string, headers: Record<string, string> = {}) {
  const request = get(path, headers);
  await request.paused;
  request.resume();
  return request.done;
}

const noncesIn = (body: Buffer) => [...body.toString('latin1').matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]);

// Each test moves several 32 MiB pages through sockets: up to 8 s was measured on two cores shared
// with builds and other test runs, past vitest's default of 5 s.
describe('withPageCache over real sockets', { timeout: 30_000 }, () => {
  it("never rewrites the bytes of a response still on its way to a slow client", async () => {
    const path = '/search?q=harbour';
    expect((await fetchWhole(path)).status).toBe('miss');
    expect((await fetchWhole(path)).status).toBe('hit');

    const slow = get(path);
    await slow.paused;
    // The slow client reads nothing while another is served from the same cached page.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const quick = await fetchWhole(path);
    slow.resume();
    const late = await slow.done;

    expect(late.status).toBe('hit');
    expect(quick.status).toBe('hit');
    expect(late.nonce).not.toBe(quick.nonce);
    expect(noncesIn(late.body)).toEqual([late.nonce, late.nonce]);
    expect(noncesIn(quick.body)).toEqual([quick.nonce, quick.nonce]);
    expect(late.body.length).toBe(quick.body.length);
  });

  it('renders once, then serves copies; each gzip-accepting client gets gzip, and gzip;q=0 gets none', async () => {
    const path = '/search?q=windmill';
    const before = renders;
    await fetchWhole(path);
    const zipped = await fetchWhole(path, { 'accept-encoding': 'gzip, deflate, br' });
    const refused = await fetchWhole(path, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(renders - before).toBe(1);
    expect(zipped.encoding).toBe('gzip');
    expect(noncesIn(gunzipSync(zipped.body))).toEqual([zipped.nonce, zipped.nonce]);
    expect(refused.encoding).toBeUndefined();
    expect(noncesIn(refused.body)).toEqual([refused.nonce, refused.nonce]);
  });

  it('records the visit of a copy served from the cache (the rendered page records its own)', async () => {
    const path = '/search?q=gondola&orientation=portrait';
    await fetchWhole(path);
    await fetchWhole(path);
    await guestVisits.flush();
    const gondola = recorded.filter((row) => row.searchQuery === 'gondola');
    expect(gondola).toHaveLength(1);
    expect(gondola[0]).toMatchObject({ kind: 'search', subjectUserId: null, searchFilters: { orientation: 'portrait', sort: 'relevance' }, ip: '127.0.0.0' });
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['br, *;q=0', false],
    ['identity', false],
    ['', false],
  ])('%j -> %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
