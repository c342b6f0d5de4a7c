import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'TrackLayer-Signature';

// Like Stripe-Signature: the HMAC-SHA256 of "<t>.<raw body>" under the workspace's secret, with
// the time in the header, so a receiver can reject a replayed request by its age (docs/alerts.md
// gives receivers the check; test/alerts runs it on what the worker sent).
export function signatureHeader(secret: string, rawBody: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, `${timestampSeconds}.${rawBody}`)}`;
}

// 32 random bytes: as strong as the HMAC key can use. The prefix tells a leaked value's kind.
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}
