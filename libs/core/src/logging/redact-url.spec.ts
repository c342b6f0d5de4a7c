import { redactUrl } from './url.redactor';

describe('redactUrl', () => {
  it('hides ingest keys passed in the query string', () => {
    expect(redactUrl('/v1/ingest?key=tl_live_abc&x=1')).toBe('/v1/ingest?key=[Redacted]&x=1');
    expect(redactUrl('/v1/ingest?a=1&KEY=tl_live_abc')).toBe('/v1/ingest?a=1&KEY=[Redacted]');
  });

  it('decodes parameter names before deciding', () => {
    expect(redactUrl('/v1/ingest?%6Bey=tl_live_abc')).toBe('/v1/ingest?%6Bey=[Redacted]');
    expect(redactUrl('/v1/ingest?k%65Y=tl_live_abc&key=tl_live_def')).toBe('/v1/ingest?k%65Y=[Redacted]&key=[Redacted]');
    expect(redactUrl('/v1/ingest?key%5B%5D=tl_live_abc')).toBe('/v1/ingest?key%5B%5D=[Redacted]');
    expect(redactUrl('/beacon/v1/batch?writeKey=tl_live_abc')).toBe('/beacon/v1/batch?writeKey=[Redacted]');
    expect(redactUrl('/mp/collect?api_secret=tl_live_abc&measurement_id=G-1')).toBe('/mp/collect?api_secret=[Redacted]&measurement_id=G-1');
  });

  it('hides tokens in paths, also when the path is percent-encoded, and in absolute URLs (Referer)', () => {
    expect(redactUrl('/v1/invitations/tl_inv_secret/accept')).toBe('/v1/invitations/[Redacted]/accept');
    expect(redactUrl('/v1/%69nvitations/tl_inv_secret/accept')).toBe('/v1/%69nvitations/[Redacted]/accept');
    expect(redactUrl('https://app.example/invite/tl_inv_secret?x=1#top')).toBe('https://app.example/invite/[Redacted]?x=1');
    expect(redactUrl('/v1/projects/tl_live_abc/settings')).toBe('/v1/projects/[Redacted]/settings');
  });

  it('leaves other URLs alone, malformed escapes included', () => {
    expect(redactUrl('/v1/me?monkey=1')).toBe('/v1/me?monkey=1');
    expect(redactUrl('/v1/workspaces/%E0%A4%A?limit=5')).toBe('/v1/workspaces/%E0%A4%A?limit=5');
    expect(redactUrl('/v1/invitations')).toBe('/v1/invitations');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
