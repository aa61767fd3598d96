import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from '@/lib/http/client-address';
import { canonicalIp, isInAnyRange, parseIp, parseIpRange, parseIpRangeList, type TIpRange } from '@/lib/http/ip-address';

const ranges = (text: string): TIpRange[] => {
  const parsed = parseIpRangeList(text);
  expect(parsed.invalid).toEqual([]);
  return parsed.ranges;
};

const inRanges = (address: string, list: string) => isInAnyRange(parseIp(address)!, ranges(list));

describe('CIDR matching', () => {
  it('matches IPv4 ranges at their edges and not one past them', () => {
    expect(inRanges('10.0.0.0', '10.0.0.0/8')).toBe(true);
    expect(inRanges('10.255.255.255', '10.0.0.0/8')).toBe(true);
    expect(inRanges('11.0.0.0', '10.0.0.0/8')).toBe(false);
    expect(inRanges('9.255.255.255', '10.0.0.0/8')).toBe(false);
    expect(inRanges('192.168.1.127', '192.168.1.0/25')).toBe(true);
    expect(inRanges('192.168.1.128', '192.168.1.0/25')).toBe(false);
    expect(inRanges('127.0.0.2', '127.0.0.2/32')).toBe(true);
    expect(inRanges('127.0.0.1', '127.0.0.2/32')).toBe(false);
    expect(inRanges('203.0.113.9', '0.0.0.0/0')).toBe(true);
  });

  it('matches IPv6 ranges, however the address is written', () => {
    expect(inRanges('2001:db8:1:ffff::1', '2001:db8:1::/48')).toBe(true);
    expect(inRanges('2001:DB8:0001:0000:0000:0000:0000:0001', '2001:db8:1::/48')).toBe(true);
    expect(inRanges('2001:db8:2::1', '2001:db8:1::/48')).toBe(false);
    expect(inRanges('fd00::1', 'fc00::/7')).toBe(true);
    expect(inRanges('fe00::1', 'fc00::/7')).toBe(false);
    expect(inRanges('::1', '::1')).toBe(true);
    expect(inRanges('::2', '::1/128')).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address it carries, in either direction', () => {
    expect(inRanges('::ffff:10.0.0.5', '10.0.0.0/8')).toBe(true);
    expect(inRanges('::FFFF:a00:5', '10.0.0.0/8')).toBe(true);
    expect(inRanges('10.0.0.5', '::ffff:10.0.0.0/104')).toBe(true);
    expect(inRanges('::ffff:11.0.0.5', '10.0.0.0/8')).toBe(false);
    // An IPv4 range never matches a real IPv6 address and the other way round.
    expect(inRanges('::a00:5', '10.0.0.0/8')).toBe(false);
    expect(inRanges('10.0.0.5', '::/0')).toBe(false);
  });

  it('ignores host bits after the prefix, and takes a bare address as one host', () => {
    expect(parseIpRange('10.1.2.3/8')).toEqual(parseIpRange('10.0.0.0/8'));
    expect(parseIpRange('203.0.113.7')).toEqual({ version: 4, network: parseIp('203.0.113.7')!.value, prefix: 32 });
    expect(parseIpRange('2001:db8::7')?.prefix).toBe(128);
  });

  it('refuses what is not a range, and names the bad entries of a list', () => {
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '::ffff:10.0.0.0/95', '10.0.0/8', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', 'localhost', '256.0.0.0/8', '1::2::3/64', '10.0.0.0 /8']) {
      expect(parseIpRange(bad), bad).toBeNull();
    }
    expect(parseIpRangeList(' 10.0.0.0/8, ,192.168.0.0/16\n2001:db8::/32 ')).toMatchObject({ invalid: [] });
    expect(parseIpRangeList('10.0.0.0/8, nginx, 10.0.0.0/40').invalid).toEqual(['nginx', '10.0.0.0/40']);
    expect(parseIpRangeList('').ranges).toEqual([]);
  });

  it('writes addresses canonically, so one client is one throttle key', () => {
    expect(canonicalIp('2001:DB8:0:0:0:0:0:7')).toBe('2001:db8::7');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('0:0:0:0:0:0:0:0')).toBe('::');
    expect(canonicalIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonicalIp('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(canonicalIp('203.0.113.07')).toBeNull();
  });
});

describe('resolveClientAddress', () => {
  const proxy = ranges('127.0.0.2/32, 10.0.0.0/8, 2001:db8:ffff::/48');
  const resolve = (socketAddress: string | undefined, forwardedFor?: string | string[], trustedProxies = proxy) =>
    resolveClientAddress({ socketAddress, forwardedFor, trustedProxies });

  it('is the socket peer when no proxy is trusted, whatever the headers say', () => {
    expect(resolve('198.51.100.20', '203.0.113.7', [])).toBe('198.51.100.20');
    expect(resolve('::ffff:127.0.0.2', '203.0.113.7', [])).toBe('127.0.0.2');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (a forged header)', () => {
    expect(resolve('198.51.100.20', '203.0.113.7')).toBe('198.51.100.20');
    expect(resolve('127.0.0.1', '203.0.113.7, 127.0.0.2')).toBe('127.0.0.1');
    expect(resolve('2001:db8:1::5', '203.0.113.7')).toBe('2001:db8:1::5');
  });

  it('takes the forwarded address from a trusted proxy, IPv4-mapped or not', () => {
    expect(resolve('127.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    expect(resolve('::ffff:127.0.0.2', '203.0.113.7')).toBe('203.0.113.7');
    expect(resolve('2001:db8:ffff::1', '2001:DB8:0:0::7')).toBe('2001:db8::7');
    expect(resolve('127.0.0.2', '::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('reads from the right: entries a client wrote to the left of the first untrusted hop are never believed', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw.
    expect(resolve('127.0.0.2', '1.1.1.1, 203.0.113.7')).toBe('203.0.113.7');
    // Two trusted proxies in a row: both skipped.
    expect(resolve('127.0.0.2', '1.1.1.1, 203.0.113.7, 10.1.2.3')).toBe('203.0.113.7');
    expect(resolve('127.0.0.2', '8.8.8.8, 198.51.100.9, 10.0.0.1, 10.0.0.2')).toBe('198.51.100.9');
  });

  it('takes the leftmost entry when every hop is trusted', () => {
    expect(resolve('127.0.0.2', '10.0.0.9, 10.0.0.1')).toBe('10.0.0.9');
  });

  it('is the trusted proxy itself when it forwarded nothing', () => {
    expect(resolve('127.0.0.2')).toBe('127.0.0.2');
    expect(resolve('127.0.0.2', '')).toBe('127.0.0.2');
    expect(resolve('127.0.0.2', '   ')).toBe('127.0.0.2');
  });

  it('stops at an entry that is not an address, answering with the nearest hop it can vouch for', () => {
    expect(resolve('127.0.0.2', 'unknown')).toBe('127.0.0.2');
    expect(resolve('127.0.0.2', '203.0.113.7, garbage')).toBe('127.0.0.2');
    expect(resolve('127.0.0.2', '203.0.113.7, , 10.0.0.1')).toBe('10.0.0.1');
    expect(resolve('127.0.0.2', '999.1.1.1, 10.0.0.1')).toBe('10.0.0.1');
    expect(resolve('127.0.0.2', '<script>, 10.0.0.1')).toBe('10.0.0.1');
    expect(resolve('127.0.0.2', '203.0.113.7;for=1.1.1.1')).toBe('127.0.0.2');
    // Garbage further left than the client's hop is never even read.
    expect(resolve('127.0.0.2', 'garbage, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('accepts the ports some load balancers add', () => {
    expect(resolve('127.0.0.2', '203.0.113.7:51234')).toBe('203.0.113.7');
    expect(resolve('127.0.0.2', '[2001:db8::7]:443')).toBe('2001:db8::7');
    expect(resolve('127.0.0.2', '[2001:db8::7]')).toBe('2001:db8::7');
    expect(resolve('127.0.0.2', '203.0.113.7:99999999')).toBe('127.0.0.2');
  });

  it('reads several X-Forwarded-For headers as one list, in the order they came', () => {
    expect(resolve('127.0.0.2', ['1.1.1.1', '203.0.113.7'])).toBe('203.0.113.7');
    expect(resolve('127.0.0.2', ['1.1.1.1, 198.51.100.4', '10.0.0.3'])).toBe('198.51.100.4');
    // Node joins repeated headers with ", ": the same answer.
    expect(resolve('127.0.0.2', '1.1.1.1, 198.51.100.4, 10.0.0.3')).toBe('198.51.100.4');
  });

  it('gives null when the socket address is missing or not an address', () => {
    expect(resolve(undefined, '203.0.113.7')).toBeNull();
    expect(resolve('', '203.0.113.7')).toBeNull();
    expect(resolveClientAddress({ socketAddress: null, forwardedFor: null, trustedProxies: proxy })).toBeNull();
  });
});
