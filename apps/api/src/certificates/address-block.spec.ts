import { describe, expect, it } from '@jest/globals';
import { addressBlock } from './address-block.js';

describe('addressBlock: the addresses one client controls', () => {
  it('IPv4 as it is, IPv4-mapped IPv6 as IPv4', () => {
    expect(addressBlock('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlock('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBlock('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('IPv6 by its /64, however it is written', () => {
    expect(addressBlock('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:0db8:0001:0002::ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:db8:1:2::')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
    expect(addressBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBlock('2001:db8:1:2::1.2.3.4')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:db8:1:2::1')).toBe(addressBlock('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(addressBlock('2001:db8:1:2::1')).not.toBe(addressBlock('2001:db8:1:3::1'));
  });

  it('anything else as it is', () => {
    expect(addressBlock('unknown')).toBe('unknown');
  });
});
