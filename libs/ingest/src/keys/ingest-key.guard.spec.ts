import { extractIngestKey } from './ingest-key.guard';

describe('extractIngestKey', () => {
  it('reads a Bearer token, any case', () => {
    expect(extractIngestKey({ headers: { authorization: 'bearer  tl_live_x ' } })).toBe('tl_live_x');
  });

  it('reads X-TrackLayer-Key', () => {
    expect(extractIngestKey({ headers: { 'x-tracklayer-key': 'tl_live_y' } })).toBe('tl_live_y');
  });

  it('reads ?key= for sendBeacon', () => {
    expect(extractIngestKey({ headers: {}, query: { key: 'tl_live_z' } })).toBe('tl_live_z');
  });

  it('prefers the Authorization header and ignores other schemes', () => {
    expect(extractIngestKey({ headers: { authorization: 'Bearer a', 'x-tracklayer-key': 'b' } })).toBe('a');
    expect(extractIngestKey({ headers: { authorization: 'Basic abc', 'x-tracklayer-key': 'b' } })).toBe('b');
  });

  it('finds nothing when nothing is sent', () => {
    expect(extractIngestKey({ headers: {}, query: {} })).toBeUndefined();
  });
});
