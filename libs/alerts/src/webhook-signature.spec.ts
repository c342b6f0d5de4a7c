import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"id":"a1","type":"connector_invalid"}';
  const t = 1_796_160_000;

  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('changes with the body, the secret and the time', () => {
    const header = signatureHeader(secret, body, t);
    expect(signatureHeader(secret, `${body} `, t)).not.toBe(header);
    expect(signatureHeader('whsec_other', body, t)).not.toBe(header);
    // The time is signed too: an edited t= no longer matches v1.
    expect(signatureHeader(secret, body, t + 1).split(',')[1]).not.toBe(header.split(',')[1]);
  });

  it('signs the body byte for byte: non-ASCII text as UTF-8', () => {
    const text = '{"message":"Connector \u201cBoutique\u201d: café"}';
    const expected = createHmac('sha256', secret).update(Buffer.from(`${t}.${text}`, 'utf8')).digest('hex');
    expect(signatureHeader(secret, text, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('makes a new 32-byte secret each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
