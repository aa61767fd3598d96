import { describe, expect, it } from 'vitest';
import { throttleAddressKey } from '@/lib/throttle/address-key';

describe('throttleAddressKey', () => {
  it('keeps an IPv4 address whole', () => {
    expect(throttleAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddressKey('203.0.113.8')).not.toBe(throttleAddressKey('203.0.113.7'));
  });

  it('groups IPv6 addresses by their /64, however they are written', () => {
    const key = throttleAddressKey('2001:db8:aa:bb::1');
    expect(key).toBe('2001:db8:aa:bb::/64');
    expect(throttleAddressKey('2001:0DB8:00aa:00bb:ffff:1:2:3')).toBe(key);
    expect(throttleAddressKey('2001:db8:aa:bb:0:0:0.0.0.9')).toBe(key);
    expect(throttleAddressKey('2001:db8:aa:bc::1')).not.toBe(key);
    expect(throttleAddressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('has one key for no address or one it cannot read', () => {
    expect(throttleAddressKey(null)).toBe('unknown');
    expect(throttleAddressKey('not an address')).toBe('unknown');
  });
});
