import { normalizeEmail } from './email.normalizer';
import { sha256Hex } from './sha256';

describe('normalizeEmail', () => {
  it('trims, lowercases and hashes', () => {
    expect(normalizeEmail('  Alice@Example.COM \n')).toBe(sha256Hex('alice@example.com'));
  });

  it('passes an already hashed value through, lowercased', () => {
    const hash = sha256Hex('alice@example.com');
    expect(normalizeEmail(hash.toUpperCase())).toBe(hash);
    expect(normalizeEmail(` ${hash} `)).toBe(hash);
  });

  it('omits empty values instead of hashing them', () => {
    expect(normalizeEmail('')).toBeUndefined();
    expect(normalizeEmail('   ')).toBeUndefined();
  });

  it('drops a value that is neither an email nor a hash with a warning naming the field', () => {
    expect(normalizeEmail('not-an-email')).toEqual({ field: 'user.email', message: expect.stringContaining('dropped') });
    expect(normalizeEmail('abc', 'user.email[2]')).toEqual({ field: 'user.email[2]', message: expect.any(String) });
  });
});
