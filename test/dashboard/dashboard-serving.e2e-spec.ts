import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestApp, TestApp } from '@app/testing';

const SCRIPT = 'console.log("dashboard");'.repeat(50);

// How the api serves the built dashboard, against a stand-in build (the real one is driven in
// dashboard.e2e-spec.ts): what caches, what answers index.html, and that the API is untouched.
describe('the dashboard served by the api', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tracklayer-dashboard-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>TrackLayer</title><script type="module" src="/assets/index-AbCd1234.js"></script>');
    await writeFile(join(dir, 'assets', 'index-AbCd1234.js'), SCRIPT);
    await writeFile(join(dir, 'assets', 'index-AbCd1234.js.gz'), gzipSync(SCRIPT));
    t = await createTestApp({ DASHBOARD_DIR: dir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['/', '/login', '/signup', '/invite/abc', '/workspaces/new', '/w/0b9f/platforms', '/w/0b9f/events/ref-1'])(
    'answers %s with index.html, never cached, under a strict CSP',
    async (path) => {
      const response = await t.http.get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.text).toContain('/assets/index-AbCd1234.js');
    },
  );

  it('serves hashed assets for a year as immutable, pre-compressed when the browser takes gzip', async () => {
    const plain = await t.http.get('/assets/index-AbCd1234.js').set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
    const zipped = await t.http.get('/assets/index-AbCd1234.js').set('accept-encoding', 'gzip').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toMatch(/accept-encoding/i);
    expect(zipped.text).toBe(SCRIPT);
  });

  it('answers unknown files and paths with the API error shape, not index.html', async () => {
    for (const path of ['/assets/nope-AbCd1234.js', '/nope', '/v1/nope', '/w', '/favicon.ico']) {
      const response = await t.http.get(path).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it('leaves /v1, /docs, /health and /metrics as they were', async () => {
    await t.http.get('/health').expect(200);
    const docs = await t.http.get('/docs').redirects(1).expect(200);
    expect(docs.headers['content-security-policy']).toContain("'unsafe-inline'");
    expect((await t.http.get('/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
    expect((await t.http.get('/metrics').expect(200)).text).toContain('process_cpu');
    const api = await t.http.get('/v1/me').expect(401);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    await t.http.get('/v1/platforms').expect(200);
  });

  it('says in words when the dashboard was not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'tracklayer-no-dashboard-'));
    const bare = await createTestApp({ DASHBOARD_DIR: empty });
    try {
      const response = await bare.http.get('/w/x/health').expect(503);
      expect(response.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The dashboard is not built: run npm run build' });
      await bare.http.get('/health').expect(200);
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
