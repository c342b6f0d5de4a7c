import { normalizeExternalId } from './external-id.normalizer';
import { sha256Hex } from './sha256';

describe('normalizeExternalId', () => {
  it('trims and hashes without changing case', () => {
    expect(normalizeExternalId('  User-42 ')).toBe(sha256Hex('User-42'));
    expect(normalizeExternalId('User-42')).not.toBe(normalizeExternalId('user-42'));
  });

  it('accepts numbers as their decimal text', () => {
    expect(normalizeExternalId(42)).toBe(sha256Hex('42'));
    expect(normalizeExternalId(42)).toBe(normalizeExternalId('42'));
  });

  it('passes hashes through lowercased', () => {
    const hash = sha256Hex('u1');
    expect(normalizeExternalId(hash.toUpperCase())).toBe(hash);
  });

  it('omits empty values', () => {
    expect(normalizeExternalId('')).toBeUndefined();
    expect(normalizeExternalId('  ')).toBeUndefined();
    expect(normalizeExternalId(Number.NaN)).toBeUndefined();
  });
});
