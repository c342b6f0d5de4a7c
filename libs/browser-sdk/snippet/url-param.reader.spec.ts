import { readUrlParam } from './url-param.reader';

describe('readUrlParam', () => {
  it('reads a query parameter', () => {
    expect(readUrlParam('https://shop.example/landing?utm_source=tt&ttclid=E.C.P.abc', 'ttclid')).toBe('E.C.P.abc');
    expect(readUrlParam('https://shop.example/?ttclid=E.C.P.abc&x=1', 'ttclid')).toBe('E.C.P.abc');
  });

  it('reads a query inside the fragment of hash-routed sites', () => {
    expect(readUrlParam('https://shop.example/#/product/1?ttclid=E.C.P.hash', 'ttclid')).toBe('E.C.P.hash');
    expect(readUrlParam('https://shop.example/?a=1#/p?b=2&ttclid=E.C.P.both', 'ttclid')).toBe('E.C.P.both');
  });

  it('does not take the tail of another key, nor an empty value', () => {
    expect(readUrlParam('https://shop.example/?utm_ttclid=nope', 'ttclid')).toBeUndefined();
    expect(readUrlParam('https://shop.example/?ttclid=&ttclid=E.C.P.second', 'ttclid')).toBe('E.C.P.second');
    expect(readUrlParam('https://shop.example/?ttclid=', 'ttclid')).toBeUndefined();
    expect(readUrlParam('https://shop.example/ttclid=E.C.P.path', 'ttclid')).toBeUndefined();
  });

  it('decodes escapes, keeps "+" and survives broken escapes', () => {
    expect(readUrlParam('https://s.example/?ttclid=E.C.P.a%2Fb', 'ttclid')).toBe('E.C.P.a/b');
    expect(readUrlParam('https://s.example/?ttclid=E.C.P.a+b', 'ttclid')).toBe('E.C.P.a+b');
    expect(readUrlParam('https://s.example/?ttclid=E.C.P.%E0%A4%A', 'ttclid')).toBe('E.C.P.%E0%A4%A');
  });
});
