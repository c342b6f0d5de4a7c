import { normalizePhone } from './phone.normalizer';
import { sha256Hex } from './sha256';

describe('normalizePhone', () => {
  it('hashes the E.164 form with the + kept, whatever the formatting', () => {
    const expected = sha256Hex('+12133734253');
    expect(normalizePhone('+1 (213) 373-4253')).toBe(expected);
    expect(normalizePhone(' +1.213.373.4253 ')).toBe(expected);
    expect(normalizePhone('+12133734253')).toBe(expected);
  });

  it('drops the country code of Chinese numbers, as TikTok requires', () => {
    expect(normalizePhone('+86 138 0000 0000')).toBe(sha256Hex('13800000000'));
    expect(normalizePhone('13800000000', 'CN')).toBe(sha256Hex('13800000000'));
  });

  it('reads national numbers with the workspace default country', () => {
    expect(normalizePhone('(213) 373-4253', 'US')).toBe(sha256Hex('+12133734253'));
    expect(normalizePhone('07911 123456', 'GB')).toBe(sha256Hex('+447911123456'));
    // An explicit country code wins over the default.
    expect(normalizePhone('+44 7911 123456', 'US')).toBe(sha256Hex('+447911123456'));
  });

  it('reads bare international digits and numeric input', () => {
    expect(normalizePhone('12133734253')).toBe(sha256Hex('+12133734253'));
    expect(normalizePhone(12133734253)).toBe(sha256Hex('+12133734253'));
    expect(normalizePhone('447911123456', 'US')).toBe(sha256Hex('+447911123456'));
  });

  it('passes hashes through lowercased', () => {
    const hash = sha256Hex('+12133734253');
    expect(normalizePhone(hash.toUpperCase())).toBe(hash);
  });

  it('omits empty values', () => {
    expect(normalizePhone('')).toBeUndefined();
    expect(normalizePhone('   ')).toBeUndefined();
  });

  it('drops unreadable numbers with a warning rather than failing', () => {
    expect(normalizePhone('2133734253')).toEqual({ field: 'user.phone', message: expect.stringContaining('dropped') });
    expect(normalizePhone('call me')).toEqual({ field: 'user.phone', message: expect.any(String) });
    expect(normalizePhone('+1 555')).toEqual({ field: 'user.phone', message: expect.any(String) });
    expect(normalizePhone('ring +12133734253 now')).toEqual({ field: 'user.phone', message: expect.any(String) });
    expect(normalizePhone(1.5, undefined, 'user.phone[1]')).toEqual({ field: 'user.phone[1]', message: expect.any(String) });
    expect(normalizePhone('abc', undefined, 'user.phone[1]')).toEqual({ field: 'user.phone[1]', message: expect.any(String) });
  });
});
