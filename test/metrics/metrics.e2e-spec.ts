import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, waitFor } from '@app/testing';

const DELIVER_ONE_BY_ONE = {
  TRACKLAYER_ROLES: 'api,worker',
  DELIVERY_BATCH_SIZE: '1',
  DELIVERY_SWEEP_INTERVAL_MS: '200',
  DELIVERY_BACKOFF_BASE_MS: '50',
  DELIVERY_BACKOFF_MAX_MS: '200',
  DELIVERY_REQUESTS_PER_SECOND: '10000',
};

// A known mix of 100 events, and every figure of the answer asserted exactly.
describe('workspace metrics', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...DELIVER_ONE_BY_ONE });
    ws = await ingestWorkspace(t.http, 'metrics', sandbox);
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  const ingest = (body: object, key = ws.ingestKey) =>
    // From a browser (Origin), so the request's IP and user agent stand in for the visitor's.
    t.http.post('/v1/ingest').set('X-TrackLayer-Key', key).set('Origin', 'https://shop.example').set('User-Agent', 'MetricsTest/1.0').send(body);
  const metrics = async (workspace: IngestWorkspace, query = '') =>
    (await t.http.get(`/v1/workspaces/${workspace.workspaceId}/metrics${query}`).set(bearer(workspace.token)).expect(200)).body;
  const scrape = async () => (await t.http.get('/metrics').expect(200)).text;
  const counter = (text: string, name: string, labels: string) =>
    Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);

  it('counts a known mix exactly and says what to watch', async () => {
    const before = await scrape();
    // The first three requests TikTok receives are refused with 40002 (one event per request).
    await sandbox.fault('invalid_parameter', 3, ws.pixel?.pixelCode);
    const old = Math.floor(Date.now() / 1000) - 30 * 86_400;
    const landing = Array.from({ length: 60 }, (_, i) => ({
      event: i < 57 ? 'page_view' : 'wishlist_share',
      event_id: `land-${i}`,
      anonymous_id: `v${i}`,
      page: { url: `https://shop.example/?ttclid=E.C.P.${i}` },
      ...(i < 30 ? { cookies: { _ttp: `ttp-${i}` } } : {}),
    }));
    const invalid = [
      ...Array.from({ length: 5 }, (_, i) => ({ event_id: `no-name-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => ({ event: 'page_view', event_id: `old-${i}`, event_time: old })),
    ];
    expect((await ingest({ batch: [...landing, ...invalid] })).body).toMatchObject({ accepted: 60, rejected: 10 });

    const restored = Array.from({ length: 20 }, (_, i) => ({
      event: 'purchase',
      event_id: `buy-${i}`,
      anonymous_id: `v${i}`,
      user: { email: `buyer${i}@example.com` },
      properties: { value: 10, currency: 'USD' },
    }));
    const plain = Array.from({ length: 5 }, (_, i) => ({ event: 'wishlist_share', event_id: `plain-${i}` }));
    expect((await ingest({ batch: [...restored, ...plain] })).body).toMatchObject({ accepted: 25 });
    expect((await ingest({ batch: landing.slice(0, 5) })).body).toMatchObject({ duplicates: 5 });

    const report = await waitFor(() => metrics(ws), (r) => r.delivered + r.platformRejected === 85);
    expect(report).toMatchObject({
      received: 100,
      accepted: 85,
      duplicates: 5,
      rejected: 10,
      delivered: 82,
      platformRejected: 3,
      pending: 0,
    });
    expect(report.rejectionRate).toBeCloseTo(13 / 95, 10);
    expect(report.ingestRejectionRate).toBeCloseTo(10 / 95, 10);
    expect(report.platformRejectionRate).toBeCloseTo(3 / 85, 10);
    expect(report.clickIdCoverage.ttclid).toBeCloseTo(80 / 85, 10);
    expect(report.clickIdCoverage.ttp).toBeCloseTo(50 / 85, 10);
    expect(report.clickIdCoverage.any).toBeCloseTo(80 / 85, 10);
    expect(report.clickIdCoverage.restored).toBeCloseTo(20 / 85, 10);
    expect(report.tiktokTrafficTtclidCoverage).toBe(1);
    expect(report.matchKeyCoverage).toEqual({ email: 20 / 85, phone: 0, externalId: 0, ip: 1, userAgent: 1 });
    expect(report.rejectionReasons).toEqual([
      { reason: 'event_too_old', count: 5 },
      { reason: 'missing_event', count: 5 },
    ]);
    expect(report.platformRejectionCodes).toEqual([{ code: 40002, count: 3 }]);
    expect(report.eventNames).toEqual([
      { source: 'page_view', tiktok: 'Pageview', count: 57 },
      { source: 'purchase', tiktok: 'CompletePayment', count: 20 },
    ]);
    expect(report.unmappedEventNames).toEqual([{ source: 'wishlist_share', count: 8 }]);
    expect(report.series.length).toBeGreaterThanOrEqual(1);
    expect(report.series.reduce((sum: number, b: { received: number }) => sum + b.received, 0)).toBe(100);
    expect(Object.fromEntries(report.checks.map((c: { name: string; status: string }) => [c.name, c.status]))).toEqual({
      rejection_rate: 'fail',
      ttclid_coverage: 'ok',
      ttp_coverage: 'ok',
      connector_click_ids: 'ok',
      event_name_mapping: 'ok',
      connectors_valid: 'ok',
      events_deliverable: 'ok',
      pending_deliveries: 'ok',
    });
    expect(report.checks[0]).toMatchObject({ threshold: 0.05, value: 13 / 95 });

    // Filtered by the connector: the same figures (ingest counters belong to the workspace).
    const byConnector = await metrics(ws, `?connectorId=${ws.connectorId}`);
    expect(byConnector).toMatchObject({ received: 100, delivered: 82, platformRejected: 3 });

    const after = await scrape();
    expect(counter(after, 'tracklayer_ingest_events_total', 'outcome="accepted"') - counter(before, 'tracklayer_ingest_events_total', 'outcome="accepted"')).toBe(85);
    expect(counter(after, 'tracklayer_ingest_events_total', 'outcome="rejected"') - counter(before, 'tracklayer_ingest_events_total', 'outcome="rejected"')).toBe(10);
    expect(counter(after, 'tracklayer_delivery_events_total', 'outcome="delivered",code="0"')).toBeGreaterThanOrEqual(82);
    expect(counter(after, 'tracklayer_delivery_events_total', 'outcome="rejected",code="40002"')).toBeGreaterThanOrEqual(3);
    expect(after).toContain('tracklayer_http_request_duration_seconds_bucket');
    expect(after).toMatch(/tracklayer_delivery_queue_jobs\{state="waiting"\}/);
    expect(after).not.toContain(ws.workspaceId);
  });

  it("never includes another workspace's events", async () => {
    const other = await ingestWorkspace(t.http, 'metrics-other');
    await ingest({ event: 'purchase', event_id: 'other-1' }, other.ingestKey).expect(202);
    const theirs = await metrics(other);
    expect(theirs).toMatchObject({ received: 1, accepted: 1, delivered: 0 });
    const mine = await metrics(ws);
    expect(mine.received).toBe(100);
    await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(other.token)).expect(404);
  });

  it('reports an invalid connector and old pending deliveries as failures', async () => {
    const broken = await ingestWorkspace(t.http, 'metrics-broken', sandbox);
    await sandbox.revokeToken(broken.pixel?.accessToken as string);
    await ingest({ event: 'purchase', event_id: 'stuck-1' }, broken.ingestKey).expect(202);
    const report = await waitFor(
      () => metrics(broken),
      (r) => r.checks.find((c: { name: string }) => c.name === 'connectors_valid').status === 'fail',
    );
    expect(report.pending).toBe(1);
    expect(report.checks.find((c: { name: string }) => c.name === 'connectors_valid').message).toContain('TikTok refused the access token');
  });

  it('names bad query parameters', async () => {
    const response = await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics?from=yesterday`).set(bearer(ws.token)).expect(400);
    expect(response.body.details.fields[0].field).toBe('from');
  });
});
