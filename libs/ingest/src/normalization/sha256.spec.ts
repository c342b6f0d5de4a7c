import { isSha256Hex, sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it('hashes UTF-8 text to lowercase hex', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(sha256Hex('\u00e9'));
  });
});

describe('isSha256Hex', () => {
  const hash = sha256Hex('x');

  it('accepts 64 hex characters in any case', () => {
    expect(isSha256Hex(hash)).toBe(true);
    expect(isSha256Hex(hash.toUpperCase())).toBe(true);
  });

  it('rejects other lengths, non-hex characters and non-strings', () => {
    expect(isSha256Hex(hash.slice(1))).toBe(false);
    expect(isSha256Hex(`${hash}0`)).toBe(false);
    expect(isSha256Hex(`${hash.slice(1)}g`)).toBe(false);
    expect(isSha256Hex(` ${hash.slice(1)}`)).toBe(false);
    expect(isSha256Hex(42)).toBe(false);
    expect(isSha256Hex(undefined)).toBe(false);
  });
});
