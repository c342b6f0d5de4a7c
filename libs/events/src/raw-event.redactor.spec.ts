import { REDACTED, redactRawEvent } from './raw-event.redactor';

const HASH = 'a'.repeat(64);

describe('redactRawEvent', () => {
  it('redacts plain emails and phones under any key naming one, keeps hashes and everything else', () => {
    expect(
      redactRawEvent({
        event: 'purchase',
        user: { email: 'Buyer@Example.com', phone: ['+33 6 12 34 56 78', HASH], external_id: 'u-1', ip: '203.0.113.7' },
        traits: { $email: 'x@y.z', phone_number: 33612345678, emailHashed: HASH },
        properties: { value: 10, contents: [{ content_id: 'a' }] },
      }),
    ).toEqual({
      event: 'purchase',
      user: { email: REDACTED, phone: [REDACTED, HASH], external_id: 'u-1', ip: '203.0.113.7' },
      traits: { $email: REDACTED, phone_number: REDACTED, emailHashed: HASH },
      properties: { value: 10, contents: [{ content_id: 'a' }] },
    });
  });

  it('redacts everything nested under a PII key', () => {
    expect(redactRawEvent({ emails: { primary: 'a@b.c', list: ['d@e.f'] } })).toEqual({ emails: { primary: REDACTED, list: [REDACTED] } });
  });

  it('replaces text Postgres cannot store', () => {
    expect(redactRawEvent({ 'k\u0000': 'nul\u0000here', lone: 'a\ud800b' })).toEqual({ 'k\uFFFD': 'nul\uFFFDhere', lone: 'a\uFFFDb' });
  });

  it('keeps scalars and null as they are', () => {
    expect(redactRawEvent(null)).toBeNull();
    expect(redactRawEvent('text')).toBe('text');
    expect(redactRawEvent({ email: null, phone: true })).toEqual({ email: null, phone: true });
  });
});
