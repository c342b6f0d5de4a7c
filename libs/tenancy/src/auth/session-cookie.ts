// The dashboard's session cookie. httpOnly: page scripts (and so an XSS payload) cannot read the
// token; SameSite=Strict: no other site's page or form sends it; Path=/v1: only API requests
// carry it, never the dashboard's static files. Secure whenever the request came over HTTPS.
export const SESSION_COOKIE = 'tl_session';
const PATH = '/v1';

export interface SessionCookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

// The value of one cookie from a Cookie header; the first occurrence wins, as browsers send the
// most specific path first.
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

export function sessionCookie(token: string, { maxAgeSeconds, secure }: SessionCookieOptions): string {
  // A JWT is base64url segments and dots: safe in a cookie value without encoding.
  if (!/^[\w.-]+$/.test(token)) throw new Error('session token has characters a cookie value cannot carry');
  return attributes(`${SESSION_COOKIE}=${token}`, Math.max(0, Math.floor(maxAgeSeconds)), secure);
}

export function clearedSessionCookie(secure: boolean): string {
  return attributes(`${SESSION_COOKIE}=`, 0, secure);
}

function attributes(pair: string, maxAgeSeconds: number, secure: boolean): string {
  return [pair, `Path=${PATH}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}
