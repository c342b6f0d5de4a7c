import { readFbclid, resolveFbc, resolveFbp } from './meta-click-id.resolver';

const SEEN = 1_764_000_000_500;
const EARLIER = 'fb.1.1763000000000.IwAR_first';

describe('readFbclid', () => {
  it('never alters the case-sensitive value', () => {
    expect(readFbclid('https://shop.example/?fbclid=IwAR_MixedCase-1')).toBe('IwAR_MixedCase-1');
    expect(readFbclid('https://shop.example/?fbclid=IwAR%2Bx')).toBe('IwAR+x');
  });
});

describe('resolveFbc', () => {
  it('makes fb.1.<seen ms>.<fbclid> from the landing URL', () => {
    expect(resolveFbc({ pageUrl: 'https://shop.example/?fbclid=IwAR_new', seenAtMs: SEEN })).toEqual({
      fbc: 'fb.1.1764000000500.IwAR_new',
      source: 'url',
    });
  });

  it('takes the fbclid of a same-site referrer, never of another site', () => {
    const pageUrl = 'https://shop.example/landing';
    expect(resolveFbc({ pageUrl, referrerUrl: 'https://shop.example/r?fbclid=IwAR_ref', seenAtMs: SEEN })).toEqual({
      fbc: 'fb.1.1764000000500.IwAR_ref',
      source: 'referrer',
    });
    expect(resolveFbc({ pageUrl, referrerUrl: 'https://partner.example/?fbclid=IwAR_ref', seenAtMs: SEEN })).toBeUndefined();
  });

  it('keeps the stored fbc, and its creation time, when the URL repeats the same click', () => {
    const pageUrl = 'https://shop.example/?fbclid=IwAR_first';
    expect(resolveFbc({ pageUrl, cookieFbc: EARLIER, seenAtMs: SEEN })).toEqual({ fbc: EARLIER, source: 'cookie' });
    expect(resolveFbc({ pageUrl, restoredFbc: EARLIER, seenAtMs: SEEN })).toEqual({ fbc: EARLIER, source: 'restored' });
  });

  it('replaces it on a different fbclid', () => {
    expect(resolveFbc({ pageUrl: 'https://shop.example/?fbclid=IwAR_second', cookieFbc: EARLIER, seenAtMs: SEEN })).toEqual({
      fbc: 'fb.1.1764000000500.IwAR_second',
      source: 'url',
    });
  });

  it('without an fbclid, reads the _fbc cookie as it is, then the sender value, then the restored one', () => {
    expect(resolveFbc({ cookieFbc: ' fb.2.1.x ', userFbc: 'fb.1.2.y', restoredFbc: EARLIER, seenAtMs: SEEN })).toEqual({
      fbc: 'fb.2.1.x',
      source: 'cookie',
    });
    expect(resolveFbc({ userFbc: 'fb.1.2.y', restoredFbc: EARLIER, seenAtMs: SEEN })).toEqual({ fbc: 'fb.1.2.y', source: 'user' });
    expect(resolveFbc({ cookieFbc: '', restoredFbc: EARLIER, seenAtMs: SEEN })).toEqual({ fbc: EARLIER, source: 'restored' });
    expect(resolveFbc({ pageUrl: 'https://shop.example/', seenAtMs: SEEN })).toBeUndefined();
  });
});

describe('resolveFbp', () => {
  it('takes the _fbp cookie as it is, else the sender value', () => {
    expect(resolveFbp({ cookieFbp: 'fb.1.1764000000000.1234567890', userFbp: 'other' })).toEqual({
      fbp: 'fb.1.1764000000000.1234567890',
      source: 'cookie',
    });
    expect(resolveFbp({ cookieFbp: ' ', userFbp: 'fb.1.1.2' })).toEqual({ fbp: 'fb.1.1.2', source: 'user' });
    expect(resolveFbp({})).toBeUndefined();
  });
});
