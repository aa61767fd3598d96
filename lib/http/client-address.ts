import { formatIp, isInAnyRange, parseIp, type TIpAddress, type TIpRange } from './ip-address';

export type TClientAddressInput = {
  /** The TCP peer (request.socket.remoteAddress): the only address nobody can write into a request. */
  socketAddress: string | null | undefined;
  /** Every X-Forwarded-For header of the request, in the order received (Node joins repeats with commas). */
  forwardedFor: string | readonly string[] | null | undefined;
  /** TRUSTED_PROXIES: the proxies whose X-Forwarded-For entries are believed. */
  trustedProxies: readonly TIpRange[];
};

/**
 * The address of the client, the one every throttle, activity record and GeoIP lookup uses.
 *
 * Without trusted proxies, or when the socket peer is not one of them, it is the socket peer: a
 * forwarding header from anyone else changes nothing. When the peer is a trusted proxy,
 * X-Forwarded-For is read from the right (each proxy appends the address it saw), trusted hops are
 * skipped, and the first untrusted entry is the client; entries further left were written by that
 * client and are never read. If every entry is trusted, the leftmost is the client. An entry that is
 * not an address (a proxy that passes the header on without appending, a forged "unknown") stops
 * the walk: the nearest trusted hop is as far as we can vouch for, so that is the answer.
 *
 * X-Real-IP and Forwarded are not read: X-Real-IP holds one value with no chain to walk, and
 * nginx, HAProxy and the load balancers in front of a shop all write X-Forwarded-For.
 */
export function resolveClientAddress(input: TClientAddressInput): string | null {
  const peer = parseIp(input.socketAddress ?? '');
  if (!peer) return null;
  if (input.trustedProxies.length === 0 || !isInAnyRange(peer, input.trustedProxies)) return formatIp(peer);
  const hops = forwardedHops(input.forwardedFor);
  let nearest: TIpAddress = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = parseHop(hops[index]!);
    if (!hop) break;
    if (!isInAnyRange(hop, input.trustedProxies)) return formatIp(hop);
    nearest = hop;
  }
  return formatIp(nearest);
}

function forwardedHops(header: TClientAddressInput['forwardedFor']): string[] {
  if (header == null) return [];
  const joined = typeof header === 'string' ? header : header.join(',');
  // A header that is present but blank adds no hop; an empty entry between commas is garbage.
  return joined.trim() === '' ? [] : joined.split(',');
}

/** One X-Forwarded-For entry: an address, optionally with a port (`203.0.113.7:51234`, `[2001:db8::7]:443`). */
function parseHop(entry: string): TIpAddress | null {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return parseIp(bracketed[1]!);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  return parseIp(withPort ? withPort[1]! : text);
}
