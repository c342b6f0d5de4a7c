import { sha256Hex } from './sha256';
import { normalizeHashedUserField, normalizePlainUserField } from './user-field.normalizer';

describe('normalizeHashedUserField (first_name, last_name, zip_code)', () => {
  it('removes whitespace, lowercases and hashes', () => {
    expect(normalizeHashedUserField('  Mary Ann ')).toBe(sha256Hex('maryann'));
    expect(normalizeHashedUserField('SW1A 1AA')).toBe(sha256Hex('sw1a1aa'));
  });

  it('hashes composed and decomposed accents alike', () => {
    expect(normalizeHashedUserField('Jos\u00e9')).toBe(sha256Hex('jos\u00e9'));
    expect(normalizeHashedUserField('Jose\u0301')).toBe(sha256Hex('jos\u00e9'));
  });

  it('accepts a numeric zip code', () => {
    expect(normalizeHashedUserField(94107)).toBe(sha256Hex('94107'));
  });

  it('passes hashes through lowercased', () => {
    const hash = sha256Hex('mary');
    expect(normalizeHashedUserField(hash.toUpperCase())).toBe(hash);
  });

  it('omits empty values', () => {
    expect(normalizeHashedUserField('')).toBeUndefined();
    expect(normalizeHashedUserField(' \t ')).toBeUndefined();
  });
});

describe('normalizePlainUserField (city, state, country)', () => {
  it('keeps lowercase letters and digits of any script, without hashing', () => {
    expect(normalizePlainUserField(' San Francisco ')).toBe('sanfrancisco');
    expect(normalizePlainUserField('St. John\u2019s')).toBe('stjohns');
    expect(normalizePlainUserField('S\u00e3o Paulo')).toBe('s\u00e3opaulo');
    expect(normalizePlainUserField('US')).toBe('us');
  });

  it('omits values with nothing left', () => {
    expect(normalizePlainUserField('')).toBeUndefined();
    expect(normalizePlainUserField(' - . ')).toBeUndefined();
  });
});
