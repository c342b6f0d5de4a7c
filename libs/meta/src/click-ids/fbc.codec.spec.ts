import { fbcCarries, formatFbc, parseFbc } from './fbc.codec';

describe('fbc', () => {
  it('formats fb.<subdomain index>.<creation ms>.<fbclid>, index 1 when made on a server', () => {
    expect(formatFbc('IwAR0abc', 1_700_000_000_123)).toBe('fb.1.1700000000123.IwAR0abc');
    expect(formatFbc('IwAR0abc', 1_700_000_000_123.9, 2)).toBe('fb.2.1700000000123.IwAR0abc');
  });

  it('parses what it formats and what the pixel and the parameter builder write', () => {
    expect(parseFbc('fb.1.1700000000123.IwAR0abc')).toEqual({ subdomainIndex: 1, creationTimeMs: 1_700_000_000_123, payload: 'IwAR0abc' });
    expect(parseFbc('fb.2.1700000000123.IwAR.x.AQQCAQMB')?.payload).toBe('IwAR.x.AQQCAQMB');
    expect(parseFbc('fb.1.abc.IwAR')).toBeUndefined();
    expect(parseFbc('IwAR0abc')).toBeUndefined();
    expect(parseFbc('fb.1.1700000000123.')).toBeUndefined();
  });

  it('knows whether an fbc stands for an fbclid, with or without an appendix', () => {
    expect(fbcCarries('fb.1.1700000000123.IwAR0abc', 'IwAR0abc')).toBe(true);
    expect(fbcCarries('fb.1.1700000000123.IwAR0abc.AQQCAQMB', 'IwAR0abc')).toBe(true);
    expect(fbcCarries('fb.1.1700000000123.IwAR0abc', 'iwar0abc')).toBe(false);
    expect(fbcCarries('fb.1.1700000000123.IwAR0abcd', 'IwAR0abc')).toBe(false);
    expect(fbcCarries('not-an-fbc', 'IwAR0abc')).toBe(false);
  });
});
