import { assetCacheControl, DASHBOARD_CSP } from './dashboard-headers';

describe('dashboard headers', () => {
  it('caches hashed files for a year as immutable, anything else briefly', () => {
    expect(assetCacheControl('/srv/assets/index-B3xk9_Qa.js')).toBe('public, max-age=31536000, immutable');
    expect(assetCacheControl('/srv/assets/index-B3xk9_Qa.js.gz')).toBe('public, max-age=31536000, immutable');
    expect(assetCacheControl('/srv/assets/uPlot-Cq1-ZzA0.css')).toBe('public, max-age=31536000, immutable');
    expect(assetCacheControl('/srv/assets/logo.svg')).toBe('public, max-age=300');
    expect(assetCacheControl('/srv/assets/my-file.js')).toBe('public, max-age=300');
  });

  it('allows no inline script or style and no other origin', () => {
    const directives = Object.fromEntries(DASHBOARD_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(DASHBOARD_CSP).not.toContain('unsafe');
  });
});
