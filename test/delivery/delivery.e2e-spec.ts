import { createHash } from 'node:crypto';
import { TikTokEvent } from '@app/tiktok';
import {
  bearer,
  createTestApp,
  createTestWorker,
  IngestWorkspace,
  ingestWorkspace,
  TestApp,
  TestSandbox,
  TestWorker,
  waitFor,
  TestDatabase,
} from '@app/testing';

const FAST_DELIVERY = {
  DELIVERY_SWEEP_INTERVAL_MS: '200',
  DELIVERY_BACKOFF_BASE_MS: '50',
  DELIVERY_BACKOFF_MAX_MS: '200',
  DELIVERY_REQUESTS_PER_SECOND: '1000',
};

describe('TikTok delivery (api + worker + sandbox)', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let worker: TestWorker;
  let db: TestDatabase;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY });
    db = api.db;
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await sandbox.close();
  });

  const ingest = (ws: IngestWorkspace, body: object) => api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);
  const pixelOf = async (ws: IngestWorkspace) =>
    (await api.http.get(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}`).set(bearer(ws.token))).body.pixelCode as string;
  const statusCounts = async (ws: IngestWorkspace) =>
    Object.fromEntries(
      (
        await db.query('SELECT status, count(*)::int AS n FROM deliveries WHERE workspace_id = $1 GROUP BY status', [ws.workspaceId])
      ).map((r: { status: string; n: number }) => [r.status, r.n]),
    ) as Record<string, number>;
  const logs = async (ws: IngestWorkspace) =>
    (await api.http.get(`/v1/workspaces/${ws.workspaceId}/delivery-logs?connectorId=${ws.connectorId}`).set(bearer(ws.token)).expect(200)).body;

  it('delivers 1,500 events in two requests, each exactly once, with the mapped fields', async () => {
    const ws = await ingestWorkspace(api.http, 'bulk', sandbox);
    const now = Math.floor(Date.now() / 1000);
    for (let b = 0; b < 3; b++) {
      await ingest(ws, {
        batch: Array.from({ length: 500 }, (_, i) => ({
          event: 'purchase',
          event_id: `bulk-${b * 500 + i}`,
          event_time: now - 60,
          user: { email: ' Buyer@Example.com ', ip: '203.0.113.7', user_agent: 'Mozilla/5.0 test' },
          page: { url: `https://shop.example/thanks?ttclid=E.C.P.bulk${b}` },
          cookies: { _ttp: 'ttp-bulk' },
          properties: { value: 19.99, currency: 'eur', contents: [{ content_id: 42, quantity: 2, price: 9.995 }] },
        })),
      });
    }
    // The worker starts after ingest, so it finds all 1,500 waiting: two requests of 1000 + 500.
    worker = await createTestWorker(api, FAST_DELIVERY);
    const pixelCode = await pixelOf(ws);
    const received = await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.length >= 1500);
    expect(received).toHaveLength(1500);
    expect(new Set(received.map((e) => e.event_id)).size).toBe(1500);

    const event = received.find((e) => e.event_id === 'bulk-0') as TikTokEvent;
    expect(event).toEqual({
      event: 'CompletePayment',
      event_time: now - 60,
      event_id: 'bulk-0',
      user: {
        // sha256("buyer@example.com")
        email: [createHash('sha256').update('buyer@example.com').digest('hex')],
        ip: '203.0.113.7',
        user_agent: 'Mozilla/5.0 test',
        ttclid: 'E.C.P.bulk0',
        ttp: 'ttp-bulk',
      },
      page: { url: 'https://shop.example/thanks?ttclid=E.C.P.bulk0' },
      properties: expect.objectContaining({ value: 19.99, currency: 'EUR', contents: [expect.objectContaining({ content_id: '42', quantity: 2 })] }),
    });

    // A request is logged before it leaves ('sending') and settled after TikTok's answer.
    const requestLogs = await waitFor(() => logs(ws), (l: Array<{ events: number; outcome: string }>) => l.length >= 2 && l.every((r) => r.outcome !== 'sending'));
    expect(requestLogs.map((l: { events: number; outcome: string }) => [l.events, l.outcome]).sort()).toEqual([
      [1000, 'delivered'],
      [500, 'delivered'],
    ]);
    expect(await statusCounts(ws)).toEqual({ delivered: 1500 });
  });

  it('retries rate limits (40100) and HTTP 500 with backoff until delivered, logging every request', async () => {
    worker ??= await createTestWorker(api, FAST_DELIVERY);
    const ws = await ingestWorkspace(api.http, 'retry', sandbox);
    const pixelCode = await pixelOf(ws);
    await sandbox.fault('rate_limit', 3, pixelCode);
    await ingest(ws, { event: 'add_to_cart', event_id: 'retry-1' });
    await waitFor(() => statusCounts(ws), (c) => c.delivered === 1);
    const rateLimited = await logs(ws);
    expect(rateLimited.map((l: { outcome: string; platformCode: number }) => [l.outcome, l.platformCode])).toEqual([
      ['delivered', 0],
      ['retry', 40100],
      ['retry', 40100],
      ['retry', 40100],
    ]);
    expect(rateLimited[1].requestBody.data[0].event_id).toBe('retry-1');
    expect(JSON.stringify(rateLimited)).not.toContain('tok_');

    await sandbox.fault('http_500', 1, pixelCode);
    await ingest(ws, { event: 'add_to_cart', event_id: 'retry-2' });
    await waitFor(() => statusCounts(ws), (c) => c.delivered === 2);
    const afterHttp500 = await logs(ws);
    expect(afterHttp500.slice(0, 2).map((l: { outcome: string; httpStatus: number }) => [l.outcome, l.httpStatus])).toEqual([
      ['delivered', 200],
      ['retry', 500],
    ]);
    expect((await sandbox.deliveredEvents(pixelCode)).map((e) => e.event_id)).toEqual(['retry-1', 'retry-2']);
  });

  it('records a payload TikTok rejects (40002) as rejected, visible in the events debugger, and replays it', async () => {
    worker ??= await createTestWorker(api, FAST_DELIVERY);
    const ws = await ingestWorkspace(api.http, 'rejected', sandbox);
    const pixelCode = await pixelOf(ws);
    await sandbox.fault('invalid_parameter', 1, pixelCode);
    await ingest(ws, { event: 'purchase', event_id: 'refused-1', properties: { value: 5, currency: 'XXX' } });
    await waitFor(() => statusCounts(ws), (c) => c.rejected === 1);

    const debugged = await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=refused-1`).set(bearer(ws.token)).expect(200);
    expect(debugged.body).toHaveLength(1);
    expect(debugged.body[0]).toMatchObject({ eventId: 'refused-1', eventName: 'purchase' });
    expect(debugged.body[0].deliveries).toEqual([
      expect.objectContaining({ connectorId: ws.connectorId, status: 'rejected', platformCode: 40002, lastError: expect.stringContaining('Invalid parameter') }),
    ]);
    expect((await logs(ws))[0]).toMatchObject({ outcome: 'rejected', platformCode: 40002 });

    const replay = await api.http
      .post(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}/replay`)
      .set(bearer(ws.token))
      .send({ from: new Date(Date.now() - 3600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), status: ['rejected'] })
      .expect(202);
    expect(replay.body).toEqual({ requeued: 1 });
    await waitFor(() => statusCounts(ws), (c) => c.delivered === 1);
  });

  it('marks the connector invalid on a revoked token, holds its events, and delivers them after a validated PATCH', async () => {
    worker ??= await createTestWorker(api, FAST_DELIVERY);
    const ws = await ingestWorkspace(api.http, 'revoked', sandbox);
    const connectorPath = `/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}`;
    const pixelCode = await pixelOf(ws);
    // The customer revokes the token in TikTok Events Manager after it was saved.
    await sandbox.revokeToken(ws.pixel?.accessToken as string);

    await ingest(ws, { batch: [{ event: 'purchase', event_id: 'held-1' }, { event: 'purchase', event_id: 'held-2' }] });
    const invalid = await waitFor(
      async () => (await api.http.get(connectorPath).set(bearer(ws.token))).body,
      (c) => c.status === 'invalid',
    );
    expect(invalid.statusReason).toContain('TikTok refused the access token');
    expect(await statusCounts(ws)).toEqual({ pending: 2 });
    expect((await logs(ws))[0]).toMatchObject({ outcome: 'credentials_invalid', platformCode: 40105, attempt: 1 });
    const debuggedAttempts = async () =>
      (await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=held-1`).set(bearer(ws.token)).expect(200)).body[0].deliveries[0].attempts;
    // The held request is an attempt in the debugger as in the log.
    expect(await debuggedAttempts()).toBe(1);

    const fresh = 'tok_fresh_after_revocation_0001';
    await sandbox.registerPixel({ pixelCode, accessToken: fresh });
    await api.http.patch(connectorPath).set(bearer(ws.token)).send({ accessToken: fresh }).expect(200);
    await waitFor(() => statusCounts(ws), (c) => c.delivered === 2);
    // Both in one request; events of one ingest batch share their arrival time, so the platform
    // gets them in either order (each carries its own timestamp).
    expect((await sandbox.deliveredEvents(pixelCode)).map((e) => e.event_id).sort()).toEqual(['held-1', 'held-2']);
    // One attempt per request, numbered once: the request after the fix is attempt 2, not a second
    // "attempt 1"; and the delivered request keeps the exact event objects it sent.
    const record = await logs(ws);
    expect(record.map((l: { outcome: string; attempt: number }) => [l.outcome, l.attempt])).toEqual([
      ['delivered', 2],
      ['credentials_invalid', 1],
    ]);
    expect(record[0].requestBody.data.map((e: TikTokEvent) => e.event_id).sort()).toEqual(['held-1', 'held-2']);
    expect(record[0].requestBody.data).toEqual(await sandbox.deliveredEvents(pixelCode));
    expect(JSON.stringify(record)).not.toContain(fresh);
    expect(await debuggedAttempts()).toBe(2);
  });
});
