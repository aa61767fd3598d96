/**
 * Requests the app does not serve, against the production server: a path whose percent-encoding
 * does not decode, and methods other than GET, HEAD and POST. Next.js answered these with a 500
 * (a plain "Internal Server Error", and for TRACE a logged stack); they are refused before it now.
 */
import { expect, test } from '@playwright/test';
import { rawRequest, rawStatusLine } from './raw-http';
import { e2eState } from './state';

const STACK = /\bat .+\(|TypeError|node_modules|\.next\//;

test.describe('malformed and unserved requests', () => {
  test('a path whose percent-encoding does not decode is a 400, on every kind of route', async () => {
    const { publishedImageId } = e2eState();
    const paths = [
      '/images/%ZZ',
      '/media/preview/%ZZ',
      '/media/thumb/%ZZ',
      '/activate/%ZZ',
      '/reset-password/%ZZ',
      '/api/auth/%ZZ',
      `/images/${publishedImageId}/comp/%ZZ`,
      '/images/%E0%A4%A',
      '/account/%C0%AF',
      '/%ZZ',
      '/.well-known/%ZZ',
      '/_next/static/%ZZ',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST']) {
        const response = await rawRequest({ path, method });
        expect.soft(response.status, `${method} ${path}`).toBe(400);
        expect.soft(response.body, `${method} ${path}`).not.toMatch(STACK);
        // Refused, but still with the baseline headers.
        expect.soft(response.headers['x-content-type-options'], `${method} ${path}`).toBe('nosniff');
      }
    }
    // A bad query string is the page's to judge: the search page shows no results.
    expect((await rawRequest({ path: '/search?q=%ZZ' })).status).toBe(200);
  });

  test('a request target that is not a path is a 400', async () => {
    expect(await rawStatusLine('GET * HTTP/1.1\r\nHost: localhost\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
  });

  test('methods the app does not serve get 405 with Allow, on any path', async () => {
    const { publishedImageId } = e2eState();
    for (const path of ['/', '/images/%ZZ', `/images/${publishedImageId}`, `/media/preview/${publishedImageId}`, '/api/auth/csrf', '/login']) {
      for (const method of ['TRACE', 'PROPFIND', 'OPTIONS', 'DELETE', 'PUT', 'PATCH', 'MKCOL', 'PURGE']) {
        const response = await rawRequest({ path, method });
        expect.soft(response.status, `${method} ${path}`).toBe(405);
        expect.soft(response.headers.allow, `${method} ${path}`).toBe('GET, HEAD, POST');
        expect.soft(response.body, `${method} ${path}`).not.toMatch(STACK);
      }
    }
  });

  test('CONNECT and methods Node does not know are refused, never a 500 or a dropped connection', async () => {
    expect(await rawStatusLine('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')).toBe('HTTP/1.1 405 Method Not Allowed');
    // Node's parser refuses methods outside its table (TRACK, made-up ones) with a 400 before any handler runs.
    for (const method of ['TRACK', 'BREW', 'FOO-BAR']) {
      expect(await rawStatusLine(`${method} / HTTP/1.1\r\nHost: localhost\r\n\r\n`), method).toMatch(/^HTTP\/1\.1 (400|405) /);
    }
  });

  test('the pages still answer GET, HEAD and POST as before', async () => {
    expect((await rawRequest({ path: '/' })).status).toBe(200);
    expect((await rawRequest({ path: '/', method: 'HEAD' })).status).toBe(200);
    expect((await rawRequest({ path: '/api/auth/csrf' })).status).toBe(200);
  });
});
