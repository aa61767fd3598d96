import 'server-only';
import { isIP } from 'node:net';
import Bowser from 'bowser';
import geoip from 'geoip-country';
import { PEER_HEADER } from './security-headers';

export type TClientInfo = { ip: string | null; browser: string | null; os: string | null; country: string | null };

type THeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: THeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** '::ffff:10.0.0.5' is the IPv4 address 10.0.0.5. */
export function normalizeIp(ip: string | null): string | null {
  if (!ip) return null;
  const trimmed = ip.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  const candidate = mapped ? mapped[1]! : trimmed;
  return isIP(candidate) ? candidate : null;
}

/**
 * Who is asking: the client address stamped by our server (lib/http/stamp-request.ts: the socket
 * peer, or the forwarded address when the peer is a proxy in TRUSTED_PROXIES; never a header a
 * client wrote), the browser and OS from the user agent, and the country from a GeoIP database
 * shipped in the geoip-country package.
 */
export function clientInfoFrom(source: THeaderSource): TClientInfo {
  const ip = normalizeIp(header(source, PEER_HEADER));
  const userAgent = header(source, 'user-agent');
  let browser: string | null = null;
  let os: string | null = null;
  if (userAgent) {
    const parsed = Bowser.parse(userAgent.slice(0, 512));
    browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ') || null;
    os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ') || null;
  }
  return { ip, browser, os, country: countryOf(ip) };
}

export function countryOf(ip: string | null): string | null {
  if (!ip) return null;
  try {
    return geoip.lookup(ip)?.country ?? null;
  } catch {
    return null;
  }
}

/** Guests' addresses are kept only to /24 (IPv4) or /48 (IPv6). */
export function truncateIp(raw: string | null): string | null {
  const ip = normalizeIp(raw);
  if (!ip) return null;
  if (isIP(ip) === 4) return `${ip.split('.').slice(0, 3).join('.')}.0`;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 3).join(':')}::` : null;
}

function expandIpv6(ip: string): string[] | null {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  if (tail === undefined && left.length !== 8) return null;
  const missing = 8 - left.length - right.length;
  if (missing < 0) return null;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group)) ? groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, '')) : null;
}
