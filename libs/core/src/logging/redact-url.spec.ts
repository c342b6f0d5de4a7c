import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it('hides ingest keys passed in the query string', () => {
    expect(redactUrl('/v1/ingest?key=tl_live_abc&x=1')).toBe('/v1/ingest?key=[Redacted]&x=1');
    expect(redactUrl('/v1/ingest?a=1&KEY=tl_live_abc')).toBe('/v1/ingest?a=1&KEY=[Redacted]');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/v1/me?monkey=1')).toBe('/v1/me?monkey=1');
  });
});
