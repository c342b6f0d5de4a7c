// Meta's first-party cookies: `_fbc` = fb.<subdomain index>.<creation ms>.<fbclid> and
// `_fbp` = fb.<subdomain index>.<creation ms>.<random>, as Meta's pixel and its server-side tags write them.
const FB_COOKIE = /^fb\.\d{1,2}\.\d{1,16}\.[^.\s]+/;

export function isFbCookie(value: string | undefined): value is string {
  return value !== undefined && FB_COOKIE.test(value);
}

export function formatFbCookie(subdomainIndex: number, creationMs: number, payload: string | number): string {
  return 'fb.' + subdomainIndex + '.' + creationMs + '.' + payload;
}

// The fbclid an `_fbc` stands for: its fourth part (a parameter-builder appendix would be a fifth).
export function fbClickOf(fbc: string | undefined): string | undefined {
  return fbc ? fbc.split('.')[3] : undefined;
}

// Which domain the cookie lives on, counted in labels: "com" 0, "example.com" 1, "www.example.com" 2;
// an IP address 0, as Meta's parameter builder counts it.
export function fbSubdomainIndex(domain: string): number {
  return /^[\d.]+$|:/.test(domain) ? 0 : domain.split('.').length - 1;
}
