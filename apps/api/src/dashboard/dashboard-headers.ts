// The dashboard's pages allow nothing but the app's own files: no inline script or style, no
// other origin, no framing. The API's JSON and Swagger UI keep helmet's policy.
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// index.html must be revalidated on every load so a deploy takes effect at once; it names the
// hashed files, which never change under their name and can be cached for a year.
export const PAGE_CACHE_CONTROL = 'no-cache';
const HASHED_NAME = /-[\w-]{8,}\.[a-z0-9]+(?:\.(?:gz|br))?$/i;

export function assetCacheControl(path: string): string {
  return HASHED_NAME.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
}

// Client-side routes of the dashboard: each answers index.html, and the app renders the page.
// Anything else (/v1, /docs, /health, /metrics, unknown paths) is left to the API as before.
export const DASHBOARD_ROUTES = ['/', '/login', '/signup', '/invite/:token', '/workspaces/new', '/w/*'] as const;
