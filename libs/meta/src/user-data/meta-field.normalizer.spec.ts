import {
  countryForAddressRules,
  normalizeMetaCity,
  normalizeMetaCountry,
  normalizeMetaEmail,
  normalizeMetaExternalId,
  normalizeMetaIp,
  normalizeMetaName,
  normalizeMetaPhone,
  normalizeMetaState,
  normalizeMetaZip,
  sha256Hex,
} from './meta-field.normalizer';

const HASH = sha256Hex('already');

describe("Meta's normalization before hashing", () => {
  it('em: trims and lowercases, and refuses what is no address', () => {
    expect(normalizeMetaEmail(' Alice@Example.COM ', 'user.email')).toBe(sha256Hex('alice@example.com'));
    expect(normalizeMetaEmail('alice', 'user.email[1]')).toEqual({ field: 'user.email[1]', message: expect.stringContaining('dropped') });
  });

  it('ph: digits with the country code and no "+", national numbers read with the default country', () => {
    expect(normalizeMetaPhone('(650) 555-1212', 'US', 'user.phone')).toBe(sha256Hex('16505551212'));
    expect(normalizeMetaPhone('+1 650 555 1212', undefined, 'user.phone')).toBe(sha256Hex('16505551212'));
    expect(normalizeMetaPhone('07911 123456', 'gb', 'user.phone')).toBe(sha256Hex('447911123456'));
    expect(normalizeMetaPhone(16505551212, undefined, 'user.phone')).toBe(sha256Hex('16505551212'));
    // Unlike TikTok's rule, China keeps its country code.
    expect(normalizeMetaPhone('+86 138 0000 0000', undefined, 'user.phone')).toBe(sha256Hex('8613800000000'));
  });

  it('ph: drops a national number it cannot give a country code, instead of hashing 6505551212', () => {
    expect(normalizeMetaPhone('(650) 555-1212', undefined, 'user.phone[0]')).toEqual({
      field: 'user.phone[0]',
      message: expect.stringContaining('country code'),
    });
    expect(normalizeMetaPhone('(650) 555-1212', 'XX', 'user.phone')).toEqual(expect.objectContaining({ field: 'user.phone' }));
  });

  it('external_id: trimmed and lowercased when hashed, only trimmed when raw', () => {
    expect(normalizeMetaExternalId(' AbC-1 ', 'hashed')).toBe(sha256Hex('abc-1'));
    expect(normalizeMetaExternalId(' AbC-1 ', 'raw')).toBe('AbC-1');
    expect(normalizeMetaExternalId(42, 'hashed')).toBe(sha256Hex('42'));
  });

  it('fn/ln: lowercase without punctuation or spaces, any script kept, composed the same way', () => {
    expect(normalizeMetaName('Mary-Ann')).toBe(sha256Hex('maryann'));
    expect(normalizeMetaName(" O'Brien ")).toBe(sha256Hex('obrien'));
    expect(normalizeMetaName('Jean Luc')).toBe(sha256Hex('jeanluc'));
    expect(normalizeMetaName('Jose\u0301')).toBe(sha256Hex('jos\u00e9'));
    expect(normalizeMetaName('Zoë')).toBe(sha256Hex('zoë'));
  });

  it('ct: lowercase letters only', () => {
    expect(normalizeMetaCity('New York')).toBe(sha256Hex('newyork'));
    expect(normalizeMetaCity('St. Louis')).toBe(sha256Hex('stlouis'));
    expect(normalizeMetaCity('São Paulo')).toBe(sha256Hex('sãopaulo'));
  });

  it('st: the 2-letter code in the US, letters only elsewhere', () => {
    expect(normalizeMetaState('California', 'us')).toBe(sha256Hex('ca'));
    expect(normalizeMetaState('CA', 'us')).toBe(sha256Hex('ca'));
    expect(normalizeMetaState('New York', 'us')).toBe(sha256Hex('ny'));
    expect(normalizeMetaState('New South Wales', 'au')).toBe(sha256Hex('newsouthwales'));
    expect(normalizeMetaState('California', undefined)).toBe(sha256Hex('california'));
  });

  it('zp: no spaces or dashes, the first 5 digits in the US', () => {
    expect(normalizeMetaZip('94107-1234', 'us')).toBe(sha256Hex('94107'));
    expect(normalizeMetaZip(941071234, 'us')).toBe(sha256Hex('94107'));
    expect(normalizeMetaZip('94107-1234', undefined)).toBe(sha256Hex('94107'));
    expect(normalizeMetaZip('M1 1AE', 'gb')).toBe(sha256Hex('m11ae'));
    expect(normalizeMetaZip('1234-567', 'pt')).toBe(sha256Hex('1234567'));
    expect(normalizeMetaZip(10115, 'de')).toBe(sha256Hex('10115'));
  });

  it('country: the alpha-2 code in lowercase, hashed, from a code or an English name', () => {
    expect(normalizeMetaCountry('US', 'user.country')).toBe(sha256Hex('us'));
    expect(normalizeMetaCountry('United States', 'user.country')).toBe(sha256Hex('us'));
    expect(normalizeMetaCountry('Germany', 'user.country')).toBe(sha256Hex('de'));
    expect(normalizeMetaCountry('UK', 'user.country')).toBe(sha256Hex('gb'));
    expect(normalizeMetaCountry('Atlantis', 'user.country')).toEqual({ field: 'user.country', message: expect.any(String) });
    expect(normalizeMetaCountry('constructor', 'user.country')).toEqual({ field: 'user.country', message: expect.any(String) });
    expect(normalizeMetaCountry('EU', 'user.country')).toEqual({ field: 'user.country', message: expect.any(String) });
  });

  it('passes a SHA-256 hex value through lowercased, in every hashed field', () => {
    const upper = HASH.toUpperCase();
    expect(normalizeMetaEmail(upper, 'f')).toBe(HASH);
    expect(normalizeMetaPhone(upper, undefined, 'f')).toBe(HASH);
    expect(normalizeMetaExternalId(upper, 'hashed')).toBe(HASH);
    expect(normalizeMetaName(upper)).toBe(HASH);
    expect(normalizeMetaCity(upper)).toBe(HASH);
    expect(normalizeMetaState(upper, 'us')).toBe(HASH);
    expect(normalizeMetaZip(upper, 'us')).toBe(HASH);
    expect(normalizeMetaCountry(upper, 'f')).toBe(HASH);
  });

  it('never hashes an empty value, also when normalization leaves nothing', () => {
    for (const blank of ['', '   ']) {
      expect(normalizeMetaEmail(blank, 'f')).toBeUndefined();
      expect(normalizeMetaPhone(blank, 'US', 'f')).toBeUndefined();
      expect(normalizeMetaExternalId(blank, 'hashed')).toBeUndefined();
      expect(normalizeMetaCountry(blank, 'f')).toBeUndefined();
      expect(normalizeMetaIp(blank, 'f')).toBeUndefined();
    }
    expect(normalizeMetaName(' - ')).toBeUndefined();
    expect(normalizeMetaCity('123')).toBeUndefined();
    expect(normalizeMetaState('..', 'us')).toBeUndefined();
    expect(normalizeMetaZip(' - ', 'us')).toBeUndefined();
    expect(normalizeMetaExternalId(Number.NaN, 'hashed')).toBeUndefined();
  });

  it('client_ip_address: IPv4 or IPv6 only', () => {
    expect(normalizeMetaIp(' 203.0.113.7 ', 'user.ip')).toBe('203.0.113.7');
    expect(normalizeMetaIp('2001:db8::1', 'user.ip')).toBe('2001:db8::1');
    expect(normalizeMetaIp('localhost', 'user.ip')).toEqual({ field: 'user.ip', message: expect.any(String) });
  });

  it('reads state and zip with the event country first, the default country second', () => {
    expect(countryForAddressRules('Germany', 'US')).toBe('de');
    expect(countryForAddressRules(undefined, 'US')).toBe('us');
    expect(countryForAddressRules(HASH, 'US')).toBe('us');
    expect(countryForAddressRules('Atlantis', undefined)).toBeUndefined();
  });
});
