import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, TestDatabase } from '@app/testing';

const now = () => Math.floor(Date.now() / 1000);

describe('POST /v1/ingest', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let ws: IngestWorkspace;
  let db: TestDatabase;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
    db = t.db;
    ws = await ingestWorkspace(t.http, 'ingest', sandbox);
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  const send = (body: unknown, key = ws.ingestKey) => t.http.post('/v1/ingest').set('Authorization', `Bearer ${key}`).send(body as object);

  it('accepts one event: normalized and hashed in Postgres, pending for each connector without a delivery row', async () => {
    const response = await send({
      event: 'purchase',
      event_id: 'order-1001',
      event_time: now() - 60,
      user: { email: '  John.Doe@Example.COM ', phone: '(213) 373-4253', ip: '203.0.113.9' },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.landing1' },
      properties: { value: '42.50', currency: 'usd', contents: [{ content_id: 123, quantity: 2, price: 21.25 }] },
      cookies: { _ttp: 'ttp-cookie-1' },
    }).expect(202);
    expect(response.body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: 0,
      results: [expect.objectContaining({ index: 0, status: 'accepted', eventId: 'order-1001', id: expect.any(String) })],
    });
    const [row] = await db.query('SELECT * FROM events WHERE id = $1', [response.body.results[0].id]);
    expect(row).toMatchObject({ workspace_id: ws.workspaceId, event_id: 'order-1001', event_name: 'purchase' });
    expect(row.payload.user).toMatchObject({
      // sha256("john.doe@example.com")
      email: ['836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f'],
      ttclid: 'E.C.P.landing1',
      ttp: 'ttp-cookie-1',
      ip: '203.0.113.9',
    });
    expect(JSON.stringify(row.payload)).not.toContain('John.Doe');
    expect(row.payload.properties).toMatchObject({ value: 42.5, currency: 'USD' });
    // Ingest writes no delivery row: until a worker (this app runs none) writes it from the
    // connector's cursor, the event is that connector's pending delivery all the same.
    expect(await db.query('SELECT id FROM deliveries WHERE event_ref = $1', [row.id])).toEqual([]);
    const story = await t.http.get(`/v1/workspaces/${ws.workspaceId}/events/${row.id}`).set(bearer(ws.token)).expect(200);
    expect(story.body.deliveries).toEqual([expect.objectContaining({ connectorId: ws.connectorId, status: 'pending', attempts: 0, requests: [] })]);
  });

  it('answers a mixed batch per event and keeps the good ones', async () => {
    const response = await send({
      batch: [
        { event: 'page_view', event_id: 'mixed-ok' },
        { event_id: 'mixed-no-name' },
        { event: 'purchase', event_id: 'mixed-bad-time', event_time: 'yesterday-ish' },
        { event: 'purchase', event_id: 987654321 },
        { event: 'purchase', event_id: 'mixed-old', event_time: now() - 30 * 86_400 },
      ],
    }).expect(202);
    expect(response.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 3 });
    const [ok, noName, badTime, numericId, old] = response.body.results;
    expect(ok).toMatchObject({ index: 0, status: 'accepted', eventId: 'mixed-ok' });
    expect(noName).toMatchObject({ index: 1, status: 'rejected', errors: [{ field: 'event', message: 'is required' }] });
    expect(badTime).toMatchObject({ index: 2, status: 'rejected', errors: [expect.objectContaining({ field: 'event_time' })] });
    // A numeric event_id is coerced to its string (TikTok only takes strings), as docs/ingest.md says.
    expect(numericId).toMatchObject({ index: 3, status: 'accepted', eventId: '987654321' });
    expect(old).toMatchObject({ index: 4, status: 'rejected', reason: 'event_too_old' });
  });

  it('answers 400 when no event is accepted', async () => {
    const response = await send({ batch: [{ nope: true }] }).expect(400);
    expect(response.body).toMatchObject({ accepted: 0, rejected: 1, results: [{ status: 'rejected' }] });
  });

  it('refuses a batch over 500 events and a body over 1 MB', async () => {
    const big = await send({ batch: new Array(501).fill({ event: 'x' }) }).expect(400);
    expect(big.body).toMatchObject({ statusCode: 400, details: { fields: [{ field: 'batch' }] } });
    const huge = await send({ event: 'x', properties: { description: 'x'.repeat(1_100_000) } }).expect(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('rejects missing, unknown and revoked keys with 401', async () => {
    await t.http.post('/v1/ingest').send({ event: 'x' }).expect(401);
    await send({ event: 'x' }, `tl_live_${'1'.repeat(43)}`).expect(401);
  });

  it('takes text/plain JSON with ?key=, as navigator.sendBeacon sends it', async () => {
    const response = await t.http
      .post(`/v1/ingest?key=${ws.ingestKey}`)
      .set('content-type', 'text/plain;charset=UTF-8')
      .send(JSON.stringify({ event: 'page_view', event_id: 'beacon-1' }))
      .expect(202);
    expect(response.body.results[0]).toMatchObject({ status: 'accepted', eventId: 'beacon-1' });
    const bad = await t.http.post(`/v1/ingest?key=${ws.ingestKey}`).set('content-type', 'text/plain').send('{oops').expect(400);
    expect(bad.body.message).toBe('Body is not valid JSON');
  });

  it('answers CORS preflight from any site', async () => {
    const response = await t.http
      .options('/v1/ingest')
      .set('Origin', 'https://shop.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example');
  });

  it('accepts exactly one of 20 concurrent copies of an event', async () => {
    const event = { event: 'purchase', event_id: `race-${Date.now()}`, properties: { value: 1, currency: 'EUR' } };
    const responses = await Promise.all(Array.from({ length: 20 }, () => send(event)));
    expect(responses.map((r) => r.status)).toEqual(new Array(20).fill(202));
    const statuses = responses.map((r) => r.body.results[0].status);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(19);
    const original = responses.find((r) => r.body.results[0].status === 'accepted')?.body.results[0].id;
    for (const r of responses) if (r.body.results[0].status === 'duplicate') expect(r.body.results[0].originalId).toBe(original);
    const rows = await db.query('SELECT count(*)::int AS n FROM events WHERE workspace_id = $1 AND event_id = $2', [ws.workspaceId, event.event_id]);
    expect(rows[0].n).toBe(1);
    const listed = await t.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=${event.event_id}`).set(bearer(ws.token)).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: original, deliveries: [expect.objectContaining({ connectorId: ws.connectorId, status: 'pending' })] })]);
  });

  it('dedups events without event_id by order id, within a batch and across requests', async () => {
    const order = { event: 'purchase', properties: { order_id: `A-${Date.now()}`, value: 10, currency: 'USD' } };
    const first = await send({ batch: [order, order] }).expect(202);
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const retry = await send(order).expect(202);
    expect(retry.body.results[0]).toMatchObject({ status: 'duplicate', eventId: first.body.results[0].eventId });
    // The same order id under another event name is another event.
    const refund = await send({ ...order, event: 'refund' }).expect(202);
    expect(refund.body.results[0].status).toBe('accepted');
  });

  it('rate-limits a key with 429 and Retry-After', async () => {
    const limited = await createTestApp({ DATABASE_URL: t.databaseUrl, INGEST_RATE_LIMIT_PER_SECOND: '1', INGEST_RATE_LIMIT_BURST: '2' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 3; i++) {
        const response = await limited.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'page_view' });
        statuses.push(response.status);
        retryAfter = response.headers['retry-after'];
      }
      expect(statuses).toEqual([202, 202, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});
