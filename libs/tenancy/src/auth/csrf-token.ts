import { createHmac, timingSafeEqual } from 'node:crypto';

// Cookie sessions need proof that a state-changing request comes from the dashboard itself: the
// X-CSRF-Token header must carry HMAC(secret, session id). Another site can neither read it (the
// API shares no credentials cross-origin) nor set a custom header without a CORS preflight, and
// being bound to the session, a token planted by a sibling subdomain's cookie is useless.
export const CSRF_HEADER = 'x-csrf-token';

export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(secret: string, sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(secret, sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Reads never change state, so they need no token (and a page load can run them).
export function needsCsrfToken(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
