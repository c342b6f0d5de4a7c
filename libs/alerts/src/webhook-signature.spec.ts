import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader, verifySignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"id":"a1","type":"connector_invalid"}';
  const t = 1_796_160_000;

  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own header within the tolerance', () => {
    expect(verifySignature(signatureHeader(secret, body, t), body, secret, t + 299)).toBe(true);
  });

  it('fails for another body, another secret, a stale or future timestamp, or no header', () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(header, `${body} `, secret, t)).toBe(false);
    expect(verifySignature(header, body, 'whsec_other', t)).toBe(false);
    expect(verifySignature(header, body, secret, t + 301)).toBe(false);
    expect(verifySignature(header, body, secret, t - 301)).toBe(false);
    expect(verifySignature(undefined, body, secret, t)).toBe(false);
  });

  it('fails for a malformed header, and accepts a right v1 among several', () => {
    const good = signatureHeader(secret, body, t).split(',')[1];
    expect(verifySignature(`t=${t}`, body, secret, t)).toBe(false);
    expect(verifySignature(`t=abc,${good}`, body, secret, t)).toBe(false);
    expect(verifySignature(`t=${t},v1=zz`, body, secret, t)).toBe(false);
    expect(verifySignature(`t=${t},v1=${'0'.repeat(64)},${good}`, body, secret, t)).toBe(true);
  });

  it('makes a new 32-byte secret each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
