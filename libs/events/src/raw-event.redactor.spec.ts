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

describe('redactRawEvent copies only what it changes', () => {
  it('shares the parts without personal data or unstorable text, and never modifies its input', () => {
    const input = {
      event: 'purchase',
      user: { email: 'Buyer@Example.com', ip: '203.0.113.7' },
      properties: { value: 10, contents: [{ content_id: 'a' }, { content_id: 'b\u0000' }] },
      page: { url: 'https://shop.example/' },
    };
    const before = JSON.stringify(input);
    const redacted = redactRawEvent(input) as typeof input;
    expect(JSON.stringify(input)).toBe(before);
    expect(redacted).not.toBe(input);
    expect(redacted.user).not.toBe(input.user);
    expect(redacted.page).toBe(input.page);
    expect(redacted.properties.contents[0]).toBe(input.properties.contents[0]);
    expect(redacted.properties.contents[1]).toEqual({ content_id: 'b\uFFFD' });
    expect(JSON.stringify(redacted)).toBe(
      JSON.stringify({ ...input, user: { email: REDACTED, ip: '203.0.113.7' }, properties: { value: 10, contents: [{ content_id: 'a' }, { content_id: 'b\uFFFD' }] } }),
    );
  });

  it('keeps the order of the keys when a later one changes', () => {
    expect(JSON.stringify(redactRawEvent({ a: 1, b: { c: 2 }, phone: '+33 6', z: 'x\ud800' }))).toBe(
      JSON.stringify({ a: 1, b: { c: 2 }, phone: REDACTED, z: 'x\uFFFD' }),
    );
  });

  it('drops a "__proto__" key of parsed JSON, as a copy always did', () => {
    const parsed = JSON.parse('{"a":1,"__proto__":{"x":1}}') as unknown;
    expect(JSON.stringify(redactRawEvent(parsed))).toBe('{"a":1}');
  });

  it('returns an input with nothing to change as it is', () => {
    const input = { event: 'view', list: [1, 'two', { three: 3 }] };
    expect(redactRawEvent(input)).toBe(input);
  });
});
