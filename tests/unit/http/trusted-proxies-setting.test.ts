import { afterEach, describe, expect, it, vi } from 'vitest';
import { serverEnv } from '@/lib/env';

afterEach(() => vi.unstubAllEnvs());

describe('TRUSTED_PROXIES', () => {
  it('trusts no proxy when unset or empty', () => {
    vi.stubEnv('TRUSTED_PROXIES', undefined);
    expect(serverEnv().TRUSTED_PROXIES).toEqual([]);
    vi.stubEnv('TRUSTED_PROXIES', '');
    expect(serverEnv().TRUSTED_PROXIES).toEqual([]);
  });

  it('reads IPv4 and IPv6 ranges and single addresses, separated by commas or spaces', () => {
    vi.stubEnv('TRUSTED_PROXIES', '10.0.0.0/8, 127.0.0.1 2001:db8::/32,::1');
    expect(serverEnv().TRUSTED_PROXIES.map((range) => [range.version, range.prefix])).toEqual([
      [4, 8],
      [4, 32],
      [6, 32],
      [6, 128],
    ]);
  });

  it('refuses the whole setting when one entry is not a range, naming it', () => {
    vi.stubEnv('TRUSTED_PROXIES', '10.0.0.0/8, nginx.internal, 192.168.0.0/33');
    expect(() => serverEnv()).toThrow(/TRUSTED_PROXIES: not an address or CIDR range: nginx\.internal, 192\.168\.0\.0\/33/);
  });
});
