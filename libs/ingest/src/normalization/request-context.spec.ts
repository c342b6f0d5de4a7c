import { cleanIp } from './request-context';

describe('cleanIp', () => {
  it('strips ports, brackets and the IPv4-mapped prefix', () => {
    expect(cleanIp('198.51.100.1:5678')).toBe('198.51.100.1');
    expect(cleanIp('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(cleanIp('[2001:db8::1]')).toBe('2001:db8::1');
    expect(cleanIp('::ffff:198.51.100.1')).toBe('198.51.100.1');
    expect(cleanIp('::FFFF:198.51.100.1')).toBe('198.51.100.1');
  });

  it('keeps plain IPv6 and IPv4', () => {
    expect(cleanIp('2001:db8::1')).toBe('2001:db8::1');
    expect(cleanIp('::1')).toBe('::1');
    expect(cleanIp(' 198.51.100.1 ')).toBe('198.51.100.1');
  });

  it('rejects what is not an IP', () => {
    expect(cleanIp('')).toBeUndefined();
    expect(cleanIp('localhost')).toBeUndefined();
    expect(cleanIp('[2001:db8::1')).toBeUndefined();
    expect(cleanIp('999.1.1.1')).toBeUndefined();
  });
});
