import 'server-only';
import { z } from 'zod';
import { canonicalIp, formatIp, parseIp, parseIpRange } from '@/lib/http/ip-address';

/**
 * A network as Postgres `cidr` accepts and as it is stored: IPv4-mapped IPv6 as the IPv4 range it
 * covers, host bits after the prefix set to zero (cidr refuses them), IPv6 in its short form.
 * '10.1.2.3/8' -> '10.0.0.0/8'; '::ffff:10.0.0.0/104' -> '10.0.0.0/8'; '2001:db8::1' -> '2001:db8::1/128'.
 */
export function normalizeNetwork(text: string): string | null {
  const range = parseIpRange(text);
  return range ? `${formatIp({ version: range.version, value: range.network })}/${range.prefix}` : null;
}

/** An address or network typed by an admin, normalised; refused when it is neither. */
export const ZNetwork = z
  .string()
  .trim()
  .max(100)
  .transform((value, context) => {
    const network = normalizeNetwork(value);
    if (!network) {
      context.addIssue({ code: 'custom', message: 'Enter an IPv4 or IPv6 address or range, like 203.0.113.0/24 or 2001:db8::/48.' });
      return z.NEVER;
    }
    return network;
  });

/** The range an automatic block covers: an IPv4 address alone, an IPv6 address with its /64. */
export function blockNetworkOf(ip: string): string | null {
  const address = parseIp(ip);
  if (!address) return null;
  return normalizeNetwork(address.version === 4 ? `${formatIp(address)}/32` : `${formatIp(address)}/64`);
}

/** The canonical text of an address (IPv4-mapped as IPv4), or null for no or no valid address. */
export const canonicalAddress = (ip: string | null | undefined): string | null => (ip ? canonicalIp(ip) : null);
