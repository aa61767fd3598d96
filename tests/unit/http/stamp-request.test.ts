/**
 * stampRequest on real sockets: a server on 0.0.0.0 and clients connecting from 127.0.0.1 and from
 * 127.0.0.2 (all of 127/8 is loopback on Linux), as the trusted proxy in front of the shop would.
 */
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIpRangeList } from '@/lib/http/ip-address';
import { PEER_HEADER, PROXIED_HEADER, SOCKET_PEER_HEADER } from '@/lib/http/security-headers';
import { stampRequest } from '@/lib/http/stamp-request';

const trustedProxies = parseIpRangeList('127.0.0.2/32').ranges;
const server = http.createServer((request, response) => {
  stampRequest(request, trustedProxies);
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(request.headers));
});
let port: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function stamped(from: string, headers: OutgoingHttpHeaders = {}) {
  return new Promise<IncomingHttpHeaders>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, localAddress: from, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(JSON.parse(body) as IncomingHttpHeaders));
    });
    request.on('error', reject);
  });
}

describe('stampRequest', () => {
  it('stamps the forwarded address for a trusted proxy, and keeps its socket address apart', async () => {
    const headers = await stamped('127.0.0.2', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(headers[PEER_HEADER]).toBe('203.0.113.7');
    expect(headers[SOCKET_PEER_HEADER]).toMatch(/^(::ffff:)?127\.0\.0\.2$/);
    expect(headers[PROXIED_HEADER]).toBe('1');
  });

  it('counts a request from a trusted proxy as proxied even when it forwarded nothing', async () => {
    const headers = await stamped('127.0.0.2');
    expect(headers[PEER_HEADER]).toBe('127.0.0.2');
    expect(headers[PROXIED_HEADER]).toBe('1');
  });

  it('overwrites the stamped headers a client sends, and believes no forwarding header from an untrusted peer', async () => {
    const headers = await stamped('127.0.0.1', {
      [PEER_HEADER]: '203.0.113.66',
      [SOCKET_PEER_HEADER]: '203.0.113.66',
      [PROXIED_HEADER]: '0',
      'x-forwarded-for': '203.0.113.7',
      'x-real-ip': '203.0.113.8',
      forwarded: 'for=203.0.113.9',
    });
    expect(headers[PEER_HEADER]).toBe('127.0.0.1');
    expect(headers[SOCKET_PEER_HEADER]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    // The forwarding headers still say "proxied": that only keeps the dev mailbox shut.
    expect(headers[PROXIED_HEADER]).toBe('1');
  });

  it('says "not proxied" only for a direct request that carries no proxy header', async () => {
    const headers = await stamped('127.0.0.1', { [PROXIED_HEADER]: '1' });
    expect(headers[PROXIED_HEADER]).toBe('0');
    expect(headers[PEER_HEADER]).toBe('127.0.0.1');
  });
});
