import { cleanIp, resolveClientIp } from './request-context';

describe('resolveClientIp', () => {
  it('uses the socket address when proxies are not trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientIp({ remoteAddress: '203.0.113.9', forwardedFor: '198.51.100.1', trustProxy: false })).toBe('203.0.113.9');
  });

  it('uses the first X-Forwarded-For entry behind a trusted proxy', () => {
    expect(resolveClientIp({ remoteAddress: '10.0.0.2', forwardedFor: ' 198.51.100.1 , 10.0.0.1', trustProxy: true })).toBe(
      '198.51.100.1',
    );
    expect(resolveClientIp({ remoteAddress: '10.0.0.2', forwardedFor: ['2001:db8::7, 10.0.0.1', '10.0.0.3'], trustProxy: true })).toBe(
      '2001:db8::7',
    );
  });

  it('falls back to the socket address when X-Forwarded-For is absent, empty or garbage', () => {
    expect(resolveClientIp({ remoteAddress: '10.0.0.2', trustProxy: true })).toBe('10.0.0.2');
    expect(resolveClientIp({ remoteAddress: '10.0.0.2', forwardedFor: '', trustProxy: true })).toBe('10.0.0.2');
    expect(resolveClientIp({ remoteAddress: '10.0.0.2', forwardedFor: 'unknown, 1.2.3.4', trustProxy: true })).toBe('10.0.0.2');
    expect(resolveClientIp({ remoteAddress: '10.0.0.2', forwardedFor: [], trustProxy: true })).toBe('10.0.0.2');
  });

  it('returns undefined when nothing usable is known', () => {
    expect(resolveClientIp({ trustProxy: false })).toBeUndefined();
    expect(resolveClientIp({ remoteAddress: 'not-an-ip', trustProxy: false })).toBeUndefined();
  });
});

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
