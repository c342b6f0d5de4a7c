import { safeDecode } from './url-param.reader';

export interface CookieOptions {
  maxAgeSeconds: number;
  domain?: string;
  secure: boolean;
}

// Reads one value out of a document.cookie string; the first non-empty match wins (the browser
// lists the most specific path first).
export function readCookie(cookies: string, name: string): string | undefined {
  for (const pair of cookies.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      const value = safeDecode(pair.slice(eq + 1).trim());
      if (value) return value;
    }
  }
  return undefined;
}

// First-party and Lax: sent on top-level navigations from the ad click, never to third parties.
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return (
    name +
    '=' +
    encodeURIComponent(value) +
    '; Max-Age=' +
    options.maxAgeSeconds +
    '; Path=/' +
    (options.domain ? '; Domain=' + options.domain : '') +
    '; SameSite=Lax' +
    (options.secure ? '; Secure' : '')
  );
}

// The domains to try, widest first: the browser refuses a public suffix (co.uk, github.io), so the
// first one that sticks is the site's registrable domain, shared by www., shop. and checkout.
// IP addresses and single-label hosts (localhost) only take host-only cookies.
export function cookieDomainCandidates(hostname: string): string[] {
  if (hostname.indexOf('.') < 0 || hostname.indexOf(':') >= 0 || /^[\d.]+$/.test(hostname)) return [];
  const labels = hostname.split('.');
  const candidates: string[] = [];
  for (let i = labels.length - 2; i >= 0; i--) candidates.push(labels.slice(i).join('.'));
  return candidates;
}
