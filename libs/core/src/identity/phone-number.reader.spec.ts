import { readPhoneNumber, toDefaultCountry } from './phone-number.reader';

describe('readPhoneNumber', () => {
  it('reads international spellings without a default country', () => {
    expect(readPhoneNumber('+1 (213) 373-4253', undefined)?.number).toBe('+12133734253');
    expect(readPhoneNumber('+44 7911 123456', 'US')?.number).toBe('+447911123456');
  });

  it('reads national numbers with the default country', () => {
    expect(readPhoneNumber('(650) 555-1212', 'US')?.number).toBe('+16505551212');
    expect(readPhoneNumber('07911 123456', 'GB')?.number).toBe('+447911123456');
    expect(readPhoneNumber('(650) 555-1212', undefined)).toBeUndefined();
  });

  it('reads bare international digits only when they make a valid number', () => {
    expect(readPhoneNumber('12133734253', undefined)?.number).toBe('+12133734253');
    expect(readPhoneNumber('2133734253', undefined)).toBeUndefined();
  });

  it('never fishes a number out of free text', () => {
    expect(readPhoneNumber('ring +12133734253 now', undefined)).toBeUndefined();
    expect(readPhoneNumber('call me', 'US')).toBeUndefined();
  });
});

describe('toDefaultCountry', () => {
  it('accepts ISO 3166 alpha-2 codes in any case and ignores unknown ones', () => {
    expect(toDefaultCountry('us')).toBe('US');
    expect(toDefaultCountry(' GB ')).toBe('GB');
    expect(toDefaultCountry('XX')).toBeUndefined();
    expect(toDefaultCountry('')).toBeUndefined();
    expect(toDefaultCountry(undefined)).toBeUndefined();
  });
});
