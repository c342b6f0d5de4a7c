import { createTestApp, ingestWorkspace, TestApp } from '@app/testing';

describe('service edges', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('reports liveness and readiness with Postgres and Redis checked', async () => {
    await t.http.get('/health').expect(200);
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('serves OpenAPI at /docs-json and Swagger UI at /docs', async () => {
    const json = await t.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/v1/auth/signup', '/v1/me', '/v1/workspaces/{workspaceId}/members', '/v1/workspaces/{workspaceId}/ingest-keys']),
    );
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
    // The UI's own files come through @fastify/static (its content-disposition is pinned for Node 20).
    const bundle = await t.http.get('/docs/swagger-ui-bundle.js').expect(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });

  it('sends helmet security headers', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('answers ingest with nosniff and CORS, without the page-oriented headers helmet adds elsewhere', async () => {
    const ws = await ingestWorkspace(t.http, 'edges-ingest');
    const response = await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .set('Origin', 'https://shop.example')
      .send({ event: 'purchase', event_id: 'headers-1' })
      .expect(202);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('answers a body over the limit with 413 in the error shape', async () => {
    const response = await t.http
      .post('/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }))
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers malformed JSON with 400 in the error shape, without a stack trace', async () => {
    const response = await t.http.post('/v1/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(response.body)).not.toMatch(/node_modules|\.js:\d+/);
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const response = await t.http.get('/v1/nope').expect(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/nope' });
  });

  it('answers CORS preflight for the dashboard and ingest', async () => {
    const response = await t.http
      .options('/v1/ingest/verify')
      .set('Origin', 'https://shop.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-tracklayer-key')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(response.headers['access-control-allow-headers']).toContain('x-tracklayer-key');
  });
});
