import { describe, expect, it } from 'vitest';
import { clientInfoFrom, normalizeIp, truncateIp } from '@/lib/http/client-info';
import { PEER_HEADER } from '@/lib/http/security-headers';

describe('normalizeIp', () => {
  it('keeps IPv4 and IPv6 addresses, trimmed', () => {
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('  203.0.113.7 \n')).toBe('203.0.113.7');
    expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
  });

  it('turns an IPv4-mapped IPv6 address into the IPv4 address, in either case', () => {
    expect(normalizeIp('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(normalizeIp('::FFFF:192.0.2.128')).toBe('192.0.2.128');
  });

  it('leaves a mapped-looking address that is not IPv4-mapped alone', () => {
    expect(normalizeIp('::ffff:abcd')).toBe('::ffff:abcd');
    expect(normalizeIp('::fffe:10.0.0.5')).toBe('::fffe:10.0.0.5');
  });

  it('gives null for no address', () => {
    expect(normalizeIp(null)).toBeNull();
    expect(normalizeIp('')).toBeNull();
  });
});

describe('truncateIp', () => {
  it('keeps an IPv4 address to /24', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('10.0.0.5')).toBe('10.0.0.0');
    expect(truncateIp('8.8.8.8')).toBe('8.8.8.0');
  });

  it('keeps a compressed IPv6 address to /48', () => {
    expect(truncateIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIp('2a02:8084:4:3f00::1')).toBe('2a02:8084:4::');
  });

  it('keeps a full IPv6 address to /48, lower-cased and without leading zeros', () => {
    expect(truncateIp('2001:0DB8:85A3:0000:0000:8A2E:0370:7334')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8:0::');
  });

  it('never returns more than the first 48 bits of an IPv6 address', () => {
    for (const ip of ['2001:db8:1:2:3:4:5:6', '2001:db8:1::6', 'fd00:1:2:3::42']) {
      const truncated = truncateIp(ip);
      expect(truncated).toMatch(/^[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::$/);
    }
  });

  it('truncates an IPv4-mapped address as IPv4 once normalised (the way clientInfoFrom hands it over)', () => {
    expect(truncateIp(normalizeIp('::ffff:198.51.100.200'))).toBe('198.51.100.0');
  });

  it('gives null for garbage and for nothing, rather than storing it', () => {
    for (const garbage of ['garbage', 'localhost', '1.2.3', '1.2.3.4.5', '2001:db8:zz::1', '1:2:3:4:5:6:7:8:9', '1:2:3', ':::', '<script>']) {
      expect(truncateIp(garbage), garbage).toBeNull();
    }
    expect(truncateIp(null)).toBeNull();
    expect(truncateIp('')).toBeNull();
  });
});

describe('clientInfoFrom', () => {
  it('reads the peer address our server stamps, never X-Forwarded-For', () => {
    const info = clientInfoFrom(new Headers({ [PEER_HEADER]: '::ffff:8.8.8.8', 'x-forwarded-for': '1.1.1.1' }));
    expect(info.ip).toBe('8.8.8.8');
    expect(info.country).toBe('US');
  });

  it('names the browser and operating system from the user agent', () => {
    const info = clientInfoFrom({
      [PEER_HEADER]: '203.0.113.7',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    });
    expect(info.browser).toBe('Chrome 126');
    expect(info.os).toBe('Windows 10');
  });

  it('gives nulls when nothing is known', () => {
    expect(clientInfoFrom({})).toEqual({ ip: null, browser: null, os: null, country: null });
  });
});

describe('malformed addresses', () => {
  it('are never stored, whole or truncated', () => {
    for (const bad of ['999.1.1.1', '1::2::3', 'garbage', '10.0.0', '', '::ffff:999.0.0.1']) {
      expect(normalizeIp(bad), bad).toBeNull();
      expect(truncateIp(bad), bad).toBeNull();
    }
  });

  it('truncates IPv4-mapped IPv6 as IPv4, and loopback IPv6 to its /48', () => {
    expect(truncateIp('::ffff:10.0.0.5')).toBe('10.0.0.0');
    expect(truncateIp('::1')).toBe('0:0:0::');
  });
});
