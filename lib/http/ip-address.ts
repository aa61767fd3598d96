import { isIPv4, isIPv6 } from 'node:net';

/*
 * IP addresses and CIDR ranges as numbers, so that matching an address against a range is one shift
 * and a compare, for IPv4 and IPv6 alike. No `server-only` here: lib/env.ts validates TRUSTED_PROXIES
 * with these functions, and the Playwright config and scripts read lib/env.ts outside Next.
 */

export type TIpAddress = { version: 4 | 6; value: bigint };
export type TIpRange = { version: 4 | 6; network: bigint; prefix: number };

const BITS = { 4: 32, 6: 128 } as const;

/**
 * An address from text, or null. IPv4-mapped IPv6 (::ffff:10.0.0.5, also written ::ffff:a00:5) is
 * the IPv4 address it carries, so one rule covers both ways a dual-stack socket reports a client.
 * A zone (fe80::1%eth0) is dropped: it names an interface of this machine, not a different address.
 */
export function parseIp(text: string): TIpAddress | null {
  const trimmed = text.trim();
  if (isIPv4(trimmed)) return { version: 4, value: ipv4Value(trimmed) };
  const withoutZone = trimmed.split('%')[0] ?? '';
  if (!isIPv6(withoutZone)) return null;
  const value = ipv6Value(withoutZone.toLowerCase());
  if (value === null) return null;
  if (value >> 32n === 0xffffn) return { version: 4, value: value & 0xffffffffn };
  return { version: 6, value };
}

/** Dotted IPv4, or IPv6 in its canonical short form (RFC 5952: lower case, longest zero run as ::). */
export function formatIp(address: TIpAddress): string {
  if (address.version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, index) => Number((address.value >> BigInt(112 - index * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The canonical text of an address, or null when the text is not one. */
export function canonicalIp(text: string): string | null {
  const address = parseIp(text);
  return address ? formatIp(address) : null;
}

/**
 * A range from `10.0.0.0/8`, `2001:db8::/32` or a single address (a /32 or /128). An IPv4-mapped
 * range (::ffff:10.0.0.0/104) is the IPv4 range it covers. Host bits after the prefix are ignored.
 */
export function parseIpRange(text: string): TIpRange | null {
  const match = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const address = parseIp(match[1]!);
  if (!address) return null;
  const written = isIPv6(match[1]!.split('%')[0] ?? '') ? 6 : 4;
  let prefix = match[2] === undefined ? BITS[written] : Number(match[2]);
  if (prefix > BITS[written]) return null;
  if (written === 6 && address.version === 4) {
    // A mapped range narrower than the whole mapped block says nothing about IPv4 addresses.
    if (prefix < 96) return null;
    prefix -= 96;
  }
  const shift = BigInt(BITS[address.version] - prefix);
  return { version: address.version, network: (address.value >> shift) << shift, prefix };
}

/**
 * A list of ranges separated by commas or spaces (the TRUSTED_PROXIES setting). Entries that are not
 * ranges are returned as `invalid`, so the setting is refused whole rather than trusted in part.
 */
export function parseIpRangeList(text: string): { ranges: TIpRange[]; invalid: string[] } {
  const ranges: TIpRange[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const range = parseIpRange(entry);
    if (range) ranges.push(range);
    else invalid.push(entry);
  }
  return { ranges, invalid };
}

export function isInRange(address: TIpAddress, range: TIpRange): boolean {
  if (address.version !== range.version) return false;
  const shift = BigInt(BITS[range.version] - range.prefix);
  return address.value >> shift === range.network >> shift;
}

export function isInAnyRange(address: TIpAddress, ranges: readonly TIpRange[]): boolean {
  return ranges.some((range) => isInRange(address, range));
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** The 128-bit value of a text node:net already accepted as IPv6 (so only its shape is left to read). */
function ipv6Value(text: string): bigint | null {
  let groups = text;
  const lastColon = groups.lastIndexOf(':');
  const tail = groups.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return null;
    const value = ipv4Value(tail);
    groups = `${groups.slice(0, lastColon + 1)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = groups.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right];
  return all.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
