import type { IncomingMessage } from 'node:http';
import { resolveClientAddress } from './client-address';
import { isInAnyRange, parseIp, type TIpRange } from './ip-address';
import { isProxied } from './proxied';
import { PEER_HEADER, PROXIED_HEADER, SOCKET_PEER_HEADER } from './security-headers';

/**
 * Writes what the app may believe about where a request came from into headers a client cannot set
 * (every incoming copy is overwritten): the client's address (lib/http/client-address.ts), the socket
 * peer, and whether a proxy handled the request. Runs first, before Next.js adds x-forwarded-host and
 * x-forwarded-for to every request itself (which would make every request look proxied).
 */
export function stampRequest(request: IncomingMessage, trustedProxies: readonly TIpRange[]) {
  const headers = request.headers;
  const socketAddress = request.socket.remoteAddress ?? '';
  const peer = parseIp(socketAddress);
  const fromTrustedProxy = peer !== null && isInAnyRange(peer, trustedProxies);
  const proxied = fromTrustedProxy || isProxied((name) => headerText(headers[name]));
  headers[PEER_HEADER] = resolveClientAddress({ socketAddress, forwardedFor: headers['x-forwarded-for'], trustedProxies }) ?? '';
  headers[SOCKET_PEER_HEADER] = socketAddress;
  headers[PROXIED_HEADER] = proxied ? '1' : '0';
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value);
