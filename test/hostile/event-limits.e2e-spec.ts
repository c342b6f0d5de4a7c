import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, waitFor, TestDatabase } from '@app/testing';

// A value 10,000 levels deep is too deep for JSON.stringify itself, so it is written as text: each
// DEEP in a value becomes {"d":{"d":...}} in its JSON.
const DEEP = '__10000_levels__';
const DEEP_JSON = `${'{"d":'.repeat(10_000)}"bottom"${'}'.repeat(10_000)}`;

// JSON as an attacker writes it: JSON.stringify escapes NUL as \u0000 and a lone surrogate as \ud800.
const json = (value: unknown) => JSON.stringify(value).replaceAll(`"${DEEP}"`, DEEP_JSON);

describe('bad input is rejected at the edge, per event', () => {
  let t: TestApp;
  let ws: IngestWorkspace;
  let db: TestDatabase;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await ingestWorkspace(t.http, 'limits');
    db = t.db;
  });
  afterAll(() => t.close());

  const ingest = (body: string, workspace = ws) =>
    t.http.post('/v1/ingest').set('X-TrackLayer-Key', workspace.ingestKey).set('content-type', 'application/json').send(body);

  it('rejects each unstorable or oversized event with its field and reason, and accepts the rest of the batch', async () => {
    const bad: Array<[unknown, string, string]> = [
      [{ event: 'purchase\u0000' }, 'event', 'invalid_text'],
      [{ event: 'x', event_id: 'id-\u0000' }, 'event_id', 'invalid_text'],
      [{ event: 'x', anonymous_id: 'v\u0000' }, 'anonymous_id', 'invalid_text'],
      [{ event: 'x', properties: { 'color\u0000': 'red' } }, 'properties["color\\u0000"]', 'invalid_text'],
      [{ event: 'x', page: { url: 'https://shop.example/\u0000' } }, 'page.url', 'invalid_text'],
      [{ event: 'x', properties: { note: 'half an emoji \uD83D' } }, 'properties.note', 'invalid_text'],
      [{ event: 'x', properties: { deep: DEEP } }, 'properties.deep.d', 'too_deep'],
      [{ event: 'x', properties: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])) }, 'properties', 'too_large'],
      [{ event: 'x', properties: { essay: 'x'.repeat(9000) } }, 'properties.essay', 'too_large'],
    ];
    const batch = [{ event: 'purchase', event_id: 'limits-good-1' }, ...bad.map(([event]) => event), { event: 'purchase', event_id: 'limits-good-2' }];
    const response = await ingest(json({ batch })).expect(202);
    expect(response.body).toMatchObject({ accepted: 2, rejected: bad.length });
    bad.forEach(([, field, reason], i) => {
      const result = response.body.results[i + 1];
      expect({ i, status: result.status, reason: result.reason }).toEqual({ i, status: 'rejected', reason });
      expect(result.errors[0].field.startsWith(field)).toBe(true);
    });
    expect(response.body.results[bad.length + 1]).toMatchObject({ status: 'accepted', eventId: 'limits-good-2' });

    const report = await waitFor(
      async () => (await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body,
      (r) => r.rejected >= bad.length,
    );
    expect(report.rejectionReasons).toEqual(
      expect.arrayContaining([
        { reason: 'invalid_text', count: 6 },
        { reason: 'too_deep', count: 1 },
        { reason: 'too_large', count: 2 },
      ]),
    );
  });

  it('keeps 60 concurrent good requests of the workspace unharmed by one with a NUL', async () => {
    const good = Array.from({ length: 60 }, (_, i) => ingest(json({ event: 'page_view', event_id: `conc-${i}` })));
    const hostile = ingest(json({ batch: [{ event: 'purchase', event_id: 'conc-ok' }, { event: 'purchase', properties: { x: '\u0000' } }] }));
    const answers = await Promise.all([...good, hostile]);
    expect(answers.map((a) => a.status)).toEqual(new Array(61).fill(202));
    expect(answers[60].body).toMatchObject({ accepted: 1, rejected: 1 });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND event_id LIKE 'conc-%'`, [ws.workspaceId]);
    expect(n).toBe(61);
  });

  it('never answers a new event_id with a lone surrogate as a duplicate of itself, and stores no claim for it', async () => {
    const response = await ingest(json({ event: 'purchase', event_id: 'order-\uD800' })).expect(400);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_text', errors: [{ field: 'event_id' }] });
    // What node-pg would have stored instead (U+FFFD) is still a new event.
    const replacement = await ingest(json({ event: 'purchase', event_id: 'order-\uFFFD' })).expect(202);
    expect(replacement.body.results[0]).toMatchObject({ status: 'accepted', eventId: 'order-\uFFFD' });
  });

  // A refused event is kept for the debugger as it came (redacted): an event that is no object
  // is refused before the bounds are read, so keeping it must not walk it unbounded either.
  it('refuses events that are not objects, however deep or unstorable, without failing the batch', async () => {
    const notEvents = [`"${DEEP}"`, '"text with a NUL \\u0000"', '"half an emoji \\ud83d"', `"${'x'.repeat(10_000)}"`].map((value) =>
      value.replaceAll(`"${DEEP}"`, `${'['.repeat(10_000)}1${']'.repeat(10_000)}`),
    );
    const body = `{"batch":[{"event":"purchase","event_id":"shape-good-1"},${notEvents.join(',')},{"event":"purchase","event_id":"shape-good-2"}]}`;
    const response = await ingest(body).expect(202);
    expect(response.body).toMatchObject({ accepted: 2, rejected: notEvents.length });
    for (let i = 1; i <= notEvents.length; i++) expect(response.body.results[i]).toMatchObject({ status: 'rejected', reason: 'not_an_object' });

    // GA4's Measurement Protocol answers 204 whatever the body; the good event of the request is stored.
    const ga4 = `{"client_id":"c-1","events":[${'['.repeat(10_000)}1${']'.repeat(10_000)},{"name":"purchase","params":{"event_id":"shape-ga4-1"}}]}`;
    await t.http.post(`/mp/collect?api_secret=${ws.ingestKey}`).set('content-type', 'application/json').send(ga4).expect(204);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND event_id = 'shape-ga4-1'`, [ws.workspaceId]);
    expect(n).toBe(1);
  });

  it('takes the same limits on a text/plain beacon body', async () => {
    const response = await t.http
      .post(`/v1/ingest?key=${ws.ingestKey}`)
      .set('content-type', 'text/plain')
      .send(json({ event: 'x', properties: { deep: DEEP } }))
      .expect(400);
    expect(response.body.results[0].reason).toBe('too_deep');
  });
});

describe('the same limits on every dashboard route', () => {
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await ingestWorkspace(t.http, 'dashboard-limits');
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch', path: string, body: string, token?: string) => {
    const request = t.http[method](path).set('content-type', 'application/json');
    return (token ? request.set(bearer(token)) : request).send(body);
  };

  it('answers a 10,000-level body with 400 naming where it goes too deep, before any pipe runs, logged in or not', async () => {
    const deep = DEEP;
    const cases: Array<[string, 'post' | 'patch', string, object, string | undefined]> = [
      ['login', 'post', '/v1/auth/login', { email: 'a@example.com', password: 'x', extra: deep }, undefined],
      ['signup', 'post', '/v1/auth/signup', { email: 'a@example.com', password: 'violet harbor', workspaceName: deep }, undefined],
      ['settings', 'patch', `/v1/workspaces/${ws.workspaceId}`, { settings: deep }, ws.token],
      ['connector', 'post', `/v1/workspaces/${ws.workspaceId}/connectors`, { platform: 'tiktok', eventMapping: deep }, ws.token],
    ];
    for (const [label, method, path, body, token] of cases) {
      const response = await send(method, path, json(body), token);
      expect({ label, status: response.status, code: response.body.details?.code }).toEqual({ label, status: 400, code: 'too_deep' });
      expect(response.body.details.fields[0].field).toMatch(/^(extra|workspaceName|settings|eventMapping)(\.d)+$/);
    }
  });

  it('refuses NUL and lone surrogates in names, mapping keys and query strings with 400 naming the field', async () => {
    const name = await send('post', '/v1/workspaces', json({ name: 'Acme\u0000' }), ws.token).expect(400);
    expect(name.body.details).toMatchObject({ code: 'invalid_text', fields: [{ field: 'name' }] });
    const key = await send('post', `/v1/workspaces/${ws.workspaceId}/ingest-keys`, json({ name: 'web \uDFFF' }), ws.token).expect(400);
    expect(key.body.details.fields[0].field).toBe('name');
    const mapping = await send(
      'post',
      `/v1/workspaces/${ws.workspaceId}/connectors`,
      json({ platform: 'tiktok', name: 'T', pixelCode: 'PIXEL1234', accessToken: 'token-12345', eventMapping: { 'buy\u0000': 'Purchase' } }),
      ws.token,
    ).expect(400);
    expect(mapping.body.details.fields[0].field).toBe('eventMapping["buy\\u0000"]');
    for (const path of [`/v1/workspaces/${ws.workspaceId}/events?eventId=%00`, `/v1/workspaces/${ws.workspaceId}/delivery-logs?connectorId=a%00`]) {
      const query = await t.http.get(path).set(bearer(ws.token)).expect(400);
      expect(query.body.details).toMatchObject({ code: 'invalid_text', fields: [{ field: expect.stringMatching(/^query\./) }] });
    }
  });

  it('answers an access token with control or non-ASCII characters with 400, before anything is sent to TikTok', async () => {
    for (const accessToken of ['tok\u0007en-12345', 'tökén-12345', 'two words here']) {
      const response = await send(
        'post',
        `/v1/workspaces/${ws.workspaceId}/connectors`,
        json({ platform: 'tiktok', name: 'T', pixelCode: 'PIXEL1234', accessToken }),
        ws.token,
      ).expect(400);
      expect(response.body.details.fields).toEqual([expect.objectContaining({ field: 'accessToken', message: expect.stringContaining('visible ASCII') })]);
    }
  });

  it('is still up and answering afterwards', async () => {
    await t.http.get('/health/ready').expect(200);
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'after' }).expect(202);
  });
});
