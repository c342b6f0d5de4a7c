import { apiRoutes, ApiRoute, apiRoutesReadingBody, createTestApp, TestApp } from '@app/testing';

interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

// Routes anyone may call without a token or key; every other route must name its credentials.
const PUBLIC_ROUTES = [
  'GET /health',
  'GET /health/ready',
  'GET /v1/sdk.js',
  'GET /v1/platforms',
  'POST /v1/auth/signup',
  'POST /v1/auth/login',
  'POST /v1/auth/session',
  'DELETE /v1/auth/session',
  'GET /v1/platforms/tiktok/event-names',
  // analytics.js's settings: the write key is the path, as on Segment's CDN.
  'GET /v1/projects/{writeKey}/settings',
];
// Routes that cannot fail while the process runs.
const ROUTES_WITHOUT_ERRORS = ['GET /health', 'GET /v1/platforms', 'DELETE /v1/auth/session', 'GET /v1/platforms/tiktok/event-names'];
// The drop-in formats (docs/integrations.md) answer as the clients they take expect: a body too
// large is a 400, never a 413 (Segment's clients retry a 413), and no cookie session reaches them
// (no 403); GA4's Measurement Protocol answers 2xx for any key, as Google does (no 401).
const DROP_IN_PATHS = /^(POST \/v1\/(track|page|screen|identify|group|alias|batch|import|[tpsigab])|POST \/beacon\/v1\/batch|POST \/(debug\/)?mp\/collect)$/;
const GA4_PATHS = /^POST \/(debug\/)?mp\/collect$/;
const dropIn = (route: string) => DROP_IN_PATHS.test(route);
// Prometheus scrapes /metrics as text; docs/metrics.md documents it instead of the OpenAPI.
const NOT_DOCUMENTED = ['GET /metrics'];
const operationOf = (route: ApiRoute) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`;

interface FieldSchema {
  type?: string;
  $ref?: string;
  oneOf?: FieldSchema[];
  properties?: Record<string, FieldSchema>;
  items?: FieldSchema;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  enum?: unknown[];
}

// The OpenAPI document is part of the contract (docs/api.md): every route says what it does and
// which errors it answers, and the errors follow from what the route takes. A new route without a
// summary, or without the errors its credentials, path ids or body imply, fails here.
describe('the OpenAPI document', () => {
  let t: TestApp;
  let operations: Array<[string, Operation]>;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation]),
    );
  });
  afterAll(() => t.close());

  const errorsOf = (operation: Operation) => Object.keys(operation.responses).filter((status) => Number(status) >= 400);

  it('lists the routes of every part of the API', () => {
    const routes = operations.map(([route]) => route);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes).toEqual(expect.arrayContaining(['POST /v1/ingest', 'GET /v1/workspaces/{workspaceId}/metrics', 'GET /health/ready']));
  });

  // From the app's own routes (the walk of the permission snapshot), so a route left out of the
  // document, or a handler that reads a body the document does not describe, cannot go unseen.
  it('describes every route the api serves, and the body of each one that reads one', () => {
    const documented = new Set(operations.map(([route]) => route));
    expect(apiRoutes(t.app).map(operationOf).filter((route) => !documented.has(route))).toEqual(NOT_DOCUMENTED);
    const bodies = apiRoutesReadingBody(t.app).map(operationOf);
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.filter((route) => !operations.find(([r]) => r === route)?.[1].requestBody)).toEqual([]);
  });

  it('gives every route a summary', () => {
    expect(operations.filter(([, operation]) => !operation.summary?.trim()).map(([route]) => route)).toEqual([]);
  });

  it('gives every route its success answer, with a schema unless it is 204 or 304', () => {
    const problems = operations.flatMap(([route, op]) => {
      const success = Object.keys(op.responses).filter((status) => Number(status) < 400);
      if (success.length === 0) return [`${route}: no success answer`];
      return success
        .filter((status) => !['204', '304'].includes(status))
        .filter((status) => !Object.values(op.responses[status].content ?? {}).some((media) => media.schema))
        .map((status) => `${route} ${status}: no schema`);
    });
    expect(problems).toEqual([]);
  });

  it('gives every route but liveness its error answers, each described with a JSON schema', () => {
    expect(operations.filter(([route, op]) => errorsOf(op).length === 0 && !ROUTES_WITHOUT_ERRORS.includes(route)).map(([route]) => route)).toEqual([]);
    const undescribed = operations.flatMap(([route, op]) =>
      errorsOf(op)
        .filter((status) => !op.responses[status].description?.trim() || !op.responses[status].content?.['application/json']?.schema)
        .map((status) => `${route} ${status}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('names the credentials of every non-public route and answers 401 for them', () => {
    const missing = operations.filter(([route, op]) => !PUBLIC_ROUTES.includes(route) && !(op.security?.length));
    expect(missing.map(([route]) => route)).toEqual([]);
    const without401 = operations.filter(([route, op]) => op.security?.length && !errorsOf(op).includes('401') && !GA4_PATHS.test(route));
    expect(without401.map(([route]) => route)).toEqual([]);
  });

  it('answers 404 on routes with ids in the path, 400 and 413 on routes with a body, 403 on changes a session makes', () => {
    const problems = operations.flatMap(([route, op]) => [
      ...(!route.startsWith('GET ') && !PUBLIC_ROUTES.includes(route) && op.security?.length && !route.includes('/v1/ingest') && !dropIn(route) && !errorsOf(op).includes('403')
        ? [`${route}: no 403 (a cookie session without its CSRF token)`]
        : []),
      ...(route.includes('{') && !errorsOf(op).includes('404') ? [`${route}: no 404`] : []),
      ...(op.requestBody && !errorsOf(op).includes('400') ? [`${route}: no 400`] : []),
      ...(op.requestBody && !dropIn(route) && !errorsOf(op).includes('413') ? [`${route}: no 413`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('describes every error with the one error shape, except readiness and the ingest answer', () => {
    expect(document.components.schemas.ErrorResponse).toMatchObject({ required: ['statusCode', 'error', 'message'] });
    const other = operations.flatMap(([route, op]) =>
      errorsOf(op)
        .filter((status) => !JSON.stringify(op.responses[status].content?.['application/json']?.schema ?? null).includes('#/components/schemas/ErrorResponse'))
        .map((status) => `${route} ${status}`),
    );
    expect(other).toEqual(['GET /health/ready 503']);
  });

  it('describes the ingest body field by field, with the limits', () => {
    const ingest = document.paths['/v1/ingest'].post;
    expect(JSON.stringify(ingest.requestBody?.content['application/json'].schema)).toContain('#/components/schemas/IngestEvent');
    const event = document.components.schemas.IngestEvent as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(event.required).toEqual(['event']);
    expect(event.properties.event).toMatchObject({ type: 'string', maxLength: 100 });
    expect(event.properties.user.properties).toHaveProperty('email');
    expect(document.components.schemas.IngestBatch).toMatchObject({ properties: { batch: { maxItems: 500 } } });
    expect(JSON.stringify(ingest.responses['202'])).toContain('#/components/schemas/IngestResponse');

    // Every field has a type, every text a bound (a length, a pattern or a closed set), every list a size.
    const loose: string[] = [];
    const walk = (schema: FieldSchema, path: string): void => {
      if (schema.$ref) return;
      if (schema.oneOf) return schema.oneOf.forEach((option, i) => walk(option, `${path}|${i}`));
      if (!schema.type) loose.push(`${path}: no type`);
      if (schema.type === 'string' && schema.maxLength === undefined && !schema.pattern && !schema.enum) loose.push(`${path}: unbounded text`);
      if (schema.type === 'array' && schema.maxItems === undefined) loose.push(`${path}: unbounded list`);
      if (schema.items) walk(schema.items, `${path}[]`);
      for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, `${path}.${name}`);
    };
    for (const name of ['IngestEvent', 'IngestContent', 'IngestBatch']) walk(document.components.schemas[name] as FieldSchema, name);
    expect(loose).toEqual([]);
  });
});
