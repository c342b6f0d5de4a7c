import { extractDeclaredClickIds, extractFbc, extractFbp, extractTtclid, extractTtp, readTtclidParam } from './click-id.extractor';

describe('readTtclidParam', () => {
  it('reads the ttclid query parameter', () => {
    expect(readTtclidParam('https://shop.example/p?ttclid=E.C.P.abc')).toBe('E.C.P.abc');
    expect(readTtclidParam('https://shop.example/p?a=1&ttclid=E.C.P.abc&b=2')).toBe('E.C.P.abc');
    expect(readTtclidParam('https://shop.example/p?ttclid=E.C.P.abc#top')).toBe('E.C.P.abc');
  });

  it('decodes percent escapes but keeps a literal +', () => {
    expect(readTtclidParam('https://shop.example/?ttclid=E.C.P.a%2Bb%2Fc')).toBe('E.C.P.a+b/c');
    expect(readTtclidParam('https://shop.example/?ttclid=E.C.P.a+b')).toBe('E.C.P.a+b');
  });

  it('finds it in the query of a hash route', () => {
    expect(readTtclidParam('https://shop.example/#/landing?ttclid=E.C.P.hash')).toBe('E.C.P.hash');
  });

  it('ignores other keys ending in ttclid, empty values and URLs without a query', () => {
    expect(readTtclidParam('https://shop.example/?utm_ttclid=x')).toBeUndefined();
    expect(readTtclidParam('https://shop.example/?utm_ttclid=x&ttclid=y')).toBe('y');
    expect(readTtclidParam('https://shop.example/?ttclid=&ttclid=second')).toBe('second');
    expect(readTtclidParam('https://shop.example/?ttclid=')).toBeUndefined();
    expect(readTtclidParam('https://shop.example/ttclid=x')).toBeUndefined();
    expect(readTtclidParam('')).toBeUndefined();
  });

  it('never throws on malformed input', () => {
    expect(readTtclidParam('::not a url?ttclid=%E0%A4%A')).toBe('%E0%A4%A');
    expect(readTtclidParam('http://[bad?ttclid=ok')).toBe('ok');
  });
});

describe('extractTtclid', () => {
  const landing = 'https://shop.example/landing?ttclid=E.C.P.url';

  it('prefers the page URL', () => {
    expect(
      extractTtclid({
        page: { url: landing, referrer: 'https://shop.example/?ttclid=E.C.P.ref' },
        cookies: { ttclid: 'E.C.P.cookie' },
        user: { ttclid: 'E.C.P.user' },
      }),
    ).toEqual({ ttclid: 'E.C.P.url', source: 'url' });
  });

  it('puts the value the sender declared first for drop-in formats', () => {
    const event = { page: { url: landing }, cookies: { ttclid: 'E.C.P.cookie' }, user: { ttclid: 'E.C.P.user' } };
    expect(extractTtclid(event, 'declared-first')).toEqual({ ttclid: 'E.C.P.user', source: 'user' });
    expect(extractTtclid({ page: { url: landing } }, 'declared-first')).toEqual({ ttclid: 'E.C.P.url', source: 'url' });
  });

  it('uses the referrer only when it is on the same host as the page', () => {
    const page = { url: 'https://Shop.Example/checkout', referrer: 'https://shop.example/landing?ttclid=E.C.P.ref' };
    expect(extractTtclid({ page })).toEqual({ ttclid: 'E.C.P.ref', source: 'referrer' });
    expect(
      extractTtclid({ page: { url: 'https://shop.example/checkout', referrer: 'https://partner.example/?ttclid=E.C.P.ref' } }),
    ).toBeUndefined();
    expect(
      extractTtclid({ page: { url: 'https://shop.example/checkout', referrer: 'https://shop.example.evil.test/?ttclid=x' } }),
    ).toBeUndefined();
    expect(extractTtclid({ page: { referrer: 'https://shop.example/?ttclid=E.C.P.ref' } })).toBeUndefined();
    expect(extractTtclid({ page: { url: 'not a url', referrer: 'https://shop.example/?ttclid=E.C.P.ref' } })).toBeUndefined();
  });

  it('falls back to the cookie, then the event field, trimmed', () => {
    expect(extractTtclid({ page: { url: 'https://shop.example/' }, cookies: { ttclid: ' E.C.P.cookie ' }, user: { ttclid: 'u' } })).toEqual({
      ttclid: 'E.C.P.cookie',
      source: 'cookie',
    });
    expect(extractTtclid({ cookies: { ttclid: '  ' }, user: { ttclid: ' E.C.P.user ' } })).toEqual({
      ttclid: 'E.C.P.user',
      source: 'user',
    });
  });

  it('returns undefined when there is none', () => {
    expect(extractTtclid({})).toBeUndefined();
    expect(extractTtclid({ page: null, cookies: null, user: null })).toBeUndefined();
    expect(extractTtclid({ user: { ttclid: '' } })).toBeUndefined();
  });
});

describe('extractTtp', () => {
  it('prefers the _ttp cookie over the event field', () => {
    expect(extractTtp({ cookies: { _ttp: ' 2abc ' }, user: { ttp: 'u' } })).toEqual({ ttp: '2abc', source: 'cookie' });
    expect(extractTtp({ cookies: { _ttp: '' }, user: { ttp: 'u' } })).toEqual({ ttp: 'u', source: 'user' });
    expect(extractTtp({})).toBeUndefined();
  });
});

const T = 1_795_000_000;

describe('extractFbc and extractFbp', () => {
  it("take Meta's cookies as they are, before the event fields", () => {
    const fbc = 'fb.1.1764000000000.IwAR_MixedCase';
    expect(extractFbc({ cookies: { _fbc: ` ${fbc} ` }, user: { fbc: 'fb.1.1.other' } }, T)).toEqual({ fbc, source: 'cookie' });
    expect(extractFbc({ cookies: { _fbc: '' }, user: { fbc: 'fb.1.1.user' } }, T)).toEqual({ fbc: 'fb.1.1.user', source: 'user' });
    expect(extractFbp({ cookies: { _fbp: 'fb.1.1764000000000.1234567890' } })).toEqual({ fbp: 'fb.1.1764000000000.1234567890', source: 'cookie' });
    expect(extractFbp({ user: { fbp: 'fb.2.1.3' } })).toEqual({ fbp: 'fb.2.1.3', source: 'user' });
    expect(extractFbc({ cookies: { _ttp: 'x' } }, T)).toBeUndefined();
    expect(extractFbp({})).toBeUndefined();
  });

  it("makes a landing URL's fbclid an fbc created at the event time, unless the cookie already stands for that click", () => {
    expect(extractFbc({ page: { url: 'https://shop.example/p?fbclid=IwAR_new' }, cookies: { _fbc: 'fb.1.1.IwAR_old' } }, T)).toEqual({
      fbc: `fb.1.${T * 1000}.IwAR_new`,
      source: 'url',
    });
    expect(extractFbc({ page: { url: 'https://shop.example/p?fbclid=IwAR_same' }, cookies: { _fbc: 'fb.1.5.IwAR_same' } }, T)).toEqual({
      fbc: 'fb.1.5.IwAR_same',
      source: 'cookie',
    });
  });
});

describe('extractDeclaredClickIds', () => {
  const kinds = [
    { kind: 'ttclid', urlParams: ['ttclid'], cookies: ['ttclid'] },
    { kind: 'gclid', urlParams: ['gclid', 'wbraid'], cookies: ['_gcl_aw'] },
    { kind: 'sccid', urlParams: ['ScCid'], cookies: ['_scid'] },
  ];

  it('reads kinds no extractor knows from the URL first, then the cookie, and leaves the known kinds to their extractors', () => {
    expect(
      extractDeclaredClickIds({ page: { url: 'https://shop.example/?ttclid=T&wbraid=W1' }, cookies: { _gcl_aw: 'G-cookie', _scid: ' S1 ' } as never }, kinds),
    ).toEqual([
      { kind: 'gclid', value: 'W1', source: 'url' },
      { kind: 'sccid', value: 'S1', source: 'cookie' },
    ]);
    expect(extractDeclaredClickIds({ page: { url: 'https://shop.example/' }, cookies: { _scid: '' } as never }, kinds)).toEqual([]);
  });
});
