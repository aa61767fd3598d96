import { describe, expect, it } from 'vitest';
import { refusalOf } from '@/lib/http/request-line';

describe('refusalOf', () => {
  it('lets the methods the app serves through, on paths that decode', () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      expect(refusalOf(method, '/images/42'), method).toBeNull();
    }
    expect(refusalOf('GET', '/search?q=%ZZ')).toBeNull(); // the query is the page's to judge
    expect(refusalOf('GET', '/images/caf%C3%A9%20%2F')).toBeNull();
    expect(refusalOf('GET', 'http://localhost:3000/search')).toBeNull();
    expect(refusalOf('GET', '/')).toBeNull();
  });

  it.each(['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'OPTIONS', 'DELETE', 'PUT', 'PATCH', 'BREW', 'get', '', undefined])(
    'answers %s with 405 and the allowed methods',
    (method) => {
      expect(refusalOf(method, '/')).toEqual({ status: 405, reason: 'Method Not Allowed', headers: { Allow: 'GET, HEAD, POST' } });
    },
  );

  it.each(['/images/%ZZ', '/media/preview/%ZZ', '/activate/%ZZ', '/%', '/a%2', '/images/%E0%A4%A', '/x/%C0%AF', '/%D8%00?ok=1', 'http://localhost/%ZZ'])(
    'answers a path whose percent-encoding does not decode (%s) with 400',
    (target) => {
      expect(refusalOf('GET', target)?.status).toBe(400);
    },
  );

  it.each(['*', '', 'images/1', 'ftp://localhost/x', 'http://[::1/'])('answers a request target that is not a path (%s) with 400', (target) => {
    expect(refusalOf('GET', target)?.status).toBe(400);
  });

  it('judges the method first: an unknown method on a bad path is still a 405', () => {
    expect(refusalOf('TRACE', '/%ZZ')?.status).toBe(405);
  });
});
