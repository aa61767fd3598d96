import type { OutgoingHttpHeaders } from 'node:http';

/**
 * Rendered guest pages, per web process, so a repeated search is answered without rendering it
 * again. A page is stored with its CSP nonce cut out and served with a fresh one, so every
 * response still carries its own nonce. Only what every guest would see is stored (the caller
 * decides which requests qualify); a response that sets a cookie, fails or is not HTML is not, and
 * neither is a page that marks itself NOT_SHARED.
 */

/**
 * Spread on an element of a page that must not be served to other visitors from the cache. React
 * escapes quotes in text, so text a visitor typed can never produce the attribute as rendered.
 */
export const NOT_SHARED = { 'data-not-shared': '' } as const;

export type TCachedPage = {
  statusCode: number;
  headers: [string, string | string[]][];
  /** The body as rendered, and where its nonce stands in it. */
  body: Buffer;
  nonce: string;
  nonceOffsets: number[];
  /** A copy of the body whose last response has gone out, ready to take the next nonce. */
  spareBody: Buffer | null;
  /** Memory held: the body and its spare. */
  bytes: number;
  expiresAt: number;
};

export type TPageToSend = {
  statusCode: number;
  headers: [string, string | string[]][];
  body: Buffer;
  /** Call once `body` has been sent: the page may then reuse it for the next response. */
  sent: () => void;
};

export type TPageCacheOptions = { ttlMs: number; maxBytes: number };

/** Headers Node writes itself for each response, or that describe one transfer rather than the page. */
const PER_RESPONSE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9_-]{16,})'/;

/**
 * A 200 page can still have failed: once the shell has streamed (a loading.tsx boundary), an error
 * inside the boundary is sent as React's "render this on the client" instruction ($RX) or an
 * errored boundary (data-dgst), and the browser shows the error page. Such a page is not stored.
 * tests/unit/server/page-cache-failed-render.test.ts and tests/e2e/page-cache.spec.ts check this on
 * real failed renders.
 */
const FAILED_OR_PRIVATE = ['$RX("', 'data-dgst="', 'data-not-shared=""'].map((marker) => Buffer.from(marker));

/** A response as rendered, made storable: null when it must not be served to anyone else. */
export function storablePage(
  rendered: { statusCode: number; headers: OutgoingHttpHeaders; body: Buffer },
  options: { ttlMs: number; now: number },
): TCachedPage | null {
  const { statusCode, headers, body } = rendered;
  if (statusCode !== 200 || headers['set-cookie'] !== undefined) return null;
  if (!String(headers['content-type'] ?? '').startsWith('text/html')) return null;
  if (headers['content-encoding'] !== undefined) return null;
  const nonce = NONCE_IN_POLICY.exec(String(headers['content-security-policy'] ?? ''))?.[1];
  if (!nonce) return null;
  if (FAILED_OR_PRIVATE.some((marker) => body.includes(marker))) return null;

  const kept: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_RESPONSE_HEADERS.has(name)) continue;
    kept.push([name, typeof value === 'number' ? String(value) : value]);
  }
  return {
    statusCode,
    headers: kept,
    body,
    nonce,
    nonceOffsets: offsetsOf(body, Buffer.from(nonce)),
    spareBody: null,
    bytes: 2 * body.length,
    expiresAt: options.now + options.ttlMs,
  };
}

/** The stored page with `nonce` wherever the original nonce stood, in the body and in the headers. */
export function pageWithNonce(page: TCachedPage, nonce: string): TPageToSend {
  const swap = (value: string) => value.replaceAll(page.nonce, nonce);
  const headers = page.headers.map(([name, value]): [string, string | string[]] => [name, Array.isArray(value) ? value.map(swap) : swap(value)]);
  if (Buffer.byteLength(nonce) !== Buffer.byteLength(page.nonce)) {
    // latin1 maps bytes to characters one to one, so this round trip leaves every other byte alone.
    const body = Buffer.from(page.body.toString('latin1').replaceAll(page.nonce, nonce), 'latin1');
    return { statusCode: page.statusCode, headers, body, sent: () => {} };
  }
  // Nonces are ASCII and all of one length, so the new one overwrites the old in a copy of the body;
  // the copy is kept for the next response (allocating and copying the whole page each time cost
  // more than everything else a cached response does).
  const body = page.spareBody ?? Buffer.from(page.body);
  page.spareBody = null;
  for (const offset of page.nonceOffsets) body.write(nonce, offset, 'latin1');
  return { statusCode: page.statusCode, headers, body, sent: () => void (page.spareBody ??= body) };
}

function offsetsOf(body: Buffer, needle: Buffer): number[] {
  const offsets: number[] = [];
  for (let found = body.indexOf(needle); found !== -1; found = body.indexOf(needle, found + needle.length)) offsets.push(found);
  return offsets;
}

/** Least recently used pages go first once the stored bodies pass `maxBytes`; expired ones are never served. */
export class PageCache {
  private readonly pages = new Map<string, TCachedPage>();
  private storedBytes = 0;

  constructor(private readonly options: TPageCacheOptions) {}

  get ttlMs() {
    return this.options.ttlMs;
  }

  get(key: string, now = Date.now()): TCachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.forget(key);
    if (page.expiresAt <= now) return undefined;
    // Maps iterate in insertion order: re-inserting marks the page as the most recently used.
    this.pages.set(key, page);
    this.storedBytes += page.bytes;
    return page;
  }

  set(key: string, page: TCachedPage) {
    if (page.bytes > this.options.maxBytes) return;
    this.forget(key);
    this.pages.set(key, page);
    this.storedBytes += page.bytes;
    for (const oldest of this.pages.keys()) {
      if (this.storedBytes <= this.options.maxBytes) break;
      this.forget(oldest);
    }
  }

  clear() {
    this.pages.clear();
    this.storedBytes = 0;
  }

  get size() {
    return this.pages.size;
  }

  get bytes() {
    return this.storedBytes;
  }

  private forget(key: string) {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.storedBytes -= page.bytes;
  }
}
