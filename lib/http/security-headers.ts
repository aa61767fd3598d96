/*
 * Request headers our web server stamps on every request before Next.js sees it (any copy a client
 * sent is overwritten; see lib/http/stamp-request.ts), so the app reads them as facts.
 */
/** The client's address as resolveClientAddress found it: the socket peer, or behind a trusted proxy the forwarded address. */
export const PEER_HEADER = 'x-stockroom-peer';
/** The TCP peer itself, whatever TRUSTED_PROXIES says (the dev mailbox opens only to this machine). */
export const SOCKET_PEER_HEADER = 'x-stockroom-socket-peer';
/** '1' when the request came through a proxy, judged before Next.js adds x-forwarded-* headers of its own to every request. */
export const PROXIED_HEADER = 'x-stockroom-proxied';

/**
 * Headers on every response. Pages replace the baseline CSP with one carrying a per-request
 * nonce (proxy.ts); everything else (images, JSON, static files) keeps the baseline, which
 * allows nothing to run.
 */

export function baselineSecurityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

export function pageContentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce-bearing bootstrap load its chunks; no 'unsafe-inline' for scripts.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

const NONCE_BYTES = 16;
/** Random bytes drawn 256 nonces at a time: one call to the system's generator per 256 pages, not one per page. */
const noncePool = new Uint8Array(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/** 128 random bits in base64url: no character that HTML or JSON escaping would change, so the page cache can find and replace it. */
export function createNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    crypto.getRandomValues(noncePool);
    noncePoolOffset = 0;
  }
  const bytes = noncePool.subarray(noncePoolOffset, (noncePoolOffset += NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
