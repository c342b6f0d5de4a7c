import { cookieDomainCandidates, readCookie, serializeCookie } from './cookie.codec';

describe('readCookie', () => {
  const jar = '_ga=GA1.1.1; _ttp=2aB3cD4eF ; ttclid=E.C.P.x%2Fy;tl_aid=a-1; empty=';

  it('finds a value among others, trimmed and decoded', () => {
    expect(readCookie(jar, '_ttp')).toBe('2aB3cD4eF');
    expect(readCookie(jar, 'ttclid')).toBe('E.C.P.x/y');
    expect(readCookie(jar, 'tl_aid')).toBe('a-1');
  });

  it('answers undefined for missing or empty cookies, and for an empty jar', () => {
    expect(readCookie(jar, 'ttp')).toBeUndefined();
    expect(readCookie(jar, 'empty')).toBeUndefined();
    expect(readCookie('', 'ttclid')).toBeUndefined();
  });

  it('does not match a name that only ends with the one asked for', () => {
    expect(readCookie('x_ttclid=no', 'ttclid')).toBeUndefined();
  });

  it('keeps a value holding "=" and survives a broken escape', () => {
    expect(readCookie('ttp=a=b', 'ttp')).toBe('a=b');
    expect(readCookie('ttp=%E0%A4%A', 'ttp')).toBe('%E0%A4%A');
  });
});

describe('serializeCookie', () => {
  it('writes a first-party Lax cookie on path /', () => {
    expect(serializeCookie('ttclid', 'E.C.P.a/b', { maxAgeSeconds: 2592000, secure: false })).toBe(
      'ttclid=E.C.P.a%2Fb; Max-Age=2592000; Path=/; SameSite=Lax',
    );
  });

  it('adds Domain and Secure when asked', () => {
    expect(serializeCookie('tl_aid', 'v1', { maxAgeSeconds: 10, domain: 'shop.example', secure: true })).toBe(
      'tl_aid=v1; Max-Age=10; Path=/; Domain=shop.example; SameSite=Lax; Secure',
    );
  });
});

describe('cookieDomainCandidates', () => {
  it('lists parent domains widest first, ending with the host itself', () => {
    expect(cookieDomainCandidates('www.shop.co.uk')).toEqual(['co.uk', 'shop.co.uk', 'www.shop.co.uk']);
    expect(cookieDomainCandidates('shop.example')).toEqual(['shop.example']);
  });

  it('leaves IP addresses and single-label hosts host-only', () => {
    expect(cookieDomainCandidates('127.0.0.1')).toEqual([]);
    expect(cookieDomainCandidates('localhost')).toEqual([]);
    expect(cookieDomainCandidates('[::1]')).toEqual([]);
  });
});
