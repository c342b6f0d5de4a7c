import { acceptsGzip, ifNoneMatchHits } from './etag.matcher';

describe('ifNoneMatchHits', () => {
  const etags = ['"abc"', '"abc-gz"'];

  it('matches any of the current ETags, weak or strong, in a list', () => {
    expect(ifNoneMatchHits('"abc"', etags)).toBe(true);
    expect(ifNoneMatchHits('W/"abc-gz"', etags)).toBe(true);
    expect(ifNoneMatchHits('"old", "abc"', etags)).toBe(true);
    expect(ifNoneMatchHits('*', etags)).toBe(true);
  });

  it('misses on other or absent ETags', () => {
    expect(ifNoneMatchHits('"old"', etags)).toBe(false);
    expect(ifNoneMatchHits('abc', etags)).toBe(false);
    expect(ifNoneMatchHits('', etags)).toBe(false);
    expect(ifNoneMatchHits(undefined, etags)).toBe(false);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0, br')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
