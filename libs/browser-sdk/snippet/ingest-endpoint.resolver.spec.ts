import { ingestEndpointFor, withKey } from './ingest-endpoint.resolver';

describe('ingestEndpointFor', () => {
  it("uses the script's own origin", () => {
    expect(ingestEndpointFor('https://api.example/v1/sdk.js')).toBe('https://api.example/v1/ingest');
    expect(ingestEndpointFor('http://127.0.0.1:4100/v1/sdk.js?v=2')).toBe('http://127.0.0.1:4100/v1/ingest');
  });

  it('keeps a path prefix in front of /v1/sdk.js', () => {
    expect(ingestEndpointFor('https://shop.example/tl/v1/sdk.js')).toBe('https://shop.example/tl/v1/ingest');
  });

  it('falls back to /v1/ingest at the origin for a self-hosted copy', () => {
    expect(ingestEndpointFor('https://cdn.shop.example/js/tracklayer.min.js')).toBe('https://cdn.shop.example/v1/ingest');
  });

  it('answers empty without a usable script URL', () => {
    expect(ingestEndpointFor('')).toBe('');
    expect(ingestEndpointFor('/v1/sdk.js')).toBe('');
  });
});

describe('withKey', () => {
  it('adds the ingest key as ?key=, encoded', () => {
    expect(withKey('https://api.example/v1/ingest', 'tl_live_a+b')).toBe('https://api.example/v1/ingest?key=tl_live_a%2Bb');
    expect(withKey('https://api.example/v1/ingest?debug=1', 'k')).toBe('https://api.example/v1/ingest?debug=1&key=k');
  });
});
