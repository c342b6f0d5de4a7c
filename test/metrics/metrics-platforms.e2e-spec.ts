import { bearer, connectMeta, DeliveryStack, IngestWorkspace, ingestWorkspace, startDeliveryStack, waitFor } from '@app/testing';

// A workspace with a TikTok and a Meta connector, visitors with ttclid, _ttp, fbclid, _fbc and _fbp
// in different mixes, and every per-kind, per-connector and per-platform figure asserted exactly.
describe('metrics per click-id kind and per platform', () => {
  let stack: DeliveryStack;
  let ws: IngestWorkspace;
  let metaConnectorId: string;

  beforeAll(async () => {
    stack = await startDeliveryStack();
    ws = await ingestWorkspace(stack.api.http, 'metrics-platforms', stack.sandbox);
    metaConnectorId = (await connectMeta(stack.api.http, ws, stack.sandbox)).connectorId;
  });
  afterAll(async () => {
    await stack.close();
  });

  // From a browser (Origin): its IP and user agent stand in for the visitor's, so Meta can match
  // every event, those without any of its click ids too.
  const ingest = (body: object) =>
    stack.api.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .set('Origin', 'https://shop.example')
      .set('User-Agent', 'MetricsTest/1.0')
      .send(body)
      .expect(202);
  const metrics = async (query = '') =>
    (await stack.api.http.get(`/v1/workspaces/${ws.workspaceId}/metrics${query}`).set(bearer(ws.token)).expect(200)).body;

  it('counts each kind captured and restored, gives each connector the kinds of its platform and each platform its event names', async () => {
    const landing = [
      // Every kind: ttclid and fbclid in the URL, the _ttp and _fbp cookies.
      { event: 'page_view', event_id: 'a-1', anonymous_id: 'va', page: { url: 'https://shop.example/?ttclid=E.C.P.a&fbclid=IwAR_a' }, cookies: { _ttp: 'ttp-a', _fbp: 'fb.1.1764000000000.1' } },
      // Meta only: fbclid (becomes an fbc) and _fbp.
      { event: 'page_view', event_id: 'b-1', anonymous_id: 'vb', page: { url: 'https://shop.example/?fbclid=IwAR_b' }, cookies: { _fbp: 'fb.1.1764000000000.2' } },
      // An _fbc cookie, kept as it is.
      { event: 'page_view', event_id: 'c-1', anonymous_id: 'vc', cookies: { _fbc: 'fb.1.1764000000000.IwAR_c' } },
      // TikTok only.
      { event: 'page_view', event_id: 'd-1', anonymous_id: 'vd', page: { url: 'https://shop.example/?ttclid=E.C.P.d' } },
      { event: 'page_view', event_id: 'e-1', anonymous_id: 've' },
    ];
    expect((await ingest({ batch: landing })).body).toMatchObject({ accepted: 5 });
    // Later events without click ids: va gets all four back, vb its fbc and fbp, ve nothing.
    const later = [
      { event: 'purchase', event_id: 'a-2', anonymous_id: 'va', properties: { value: 10, currency: 'USD' } },
      { event: 'add_to_cart', event_id: 'b-2', anonymous_id: 'vb' },
      { event: 'wishlist_share', event_id: 'e-2', anonymous_id: 've' },
    ];
    expect((await ingest({ batch: later })).body).toMatchObject({ accepted: 3 });

    // 8 events, each delivered to both connectors.
    const report = await waitFor(
      () => metrics(),
      (r) => r.delivered === 16,
    );
    expect(report).toMatchObject({ accepted: 8, delivered: 16, platformRejected: 0 });
    expect(report.clickIdCoverageByKind).toEqual({
      ttclid: { coverage: 3 / 8, restored: 1 / 8, visitorCoverage: 1 },
      ttp: { coverage: 2 / 8, restored: 1 / 8, visitorCoverage: 1 },
      fbc: { coverage: 5 / 8, restored: 2 / 8, visitorCoverage: 1 },
      fbp: { coverage: 4 / 8, restored: 2 / 8, visitorCoverage: 1 },
    });
    // The TikTok-only figures of before stay as they were.
    expect(report.clickIdCoverage).toEqual({ ttclid: 3 / 8, ttp: 2 / 8, any: 3 / 8, restored: 1 / 8 });

    expect(report.connectorClickIdCoverage).toEqual([
      { connectorId: ws.connectorId, name: 'TikTok', platform: 'tiktok', kinds: { ttclid: report.clickIdCoverageByKind.ttclid, ttp: report.clickIdCoverageByKind.ttp } },
      { connectorId: metaConnectorId, name: 'Meta', platform: 'meta', kinds: { fbc: report.clickIdCoverageByKind.fbc, fbp: report.clickIdCoverageByKind.fbp } },
    ]);

    expect(report.eventNamesByPlatform).toEqual({
      meta: {
        platformName: 'Meta',
        eventNames: [
          { source: 'page_view', name: 'PageView', count: 5 },
          { source: 'add_to_cart', name: 'AddToCart', count: 1 },
          { source: 'purchase', name: 'Purchase', count: 1 },
        ],
        unmappedEventNames: [{ source: 'wishlist_share', count: 1 }],
        unmappedShare: 1 / 8,
      },
      tiktok: {
        platformName: 'TikTok',
        eventNames: [
          { source: 'page_view', name: 'Pageview', count: 5 },
          { source: 'add_to_cart', name: 'AddToCart', count: 1 },
          { source: 'purchase', name: 'CompletePayment', count: 1 },
        ],
        unmappedEventNames: [{ source: 'wishlist_share', count: 1 }],
        unmappedShare: 1 / 8,
      },
    });
    // The summed list keeps its `tiktok` key, every platform's names in it.
    expect(report.eventNames).toHaveLength(5);
    expect(report.eventNames).toEqual(
      expect.arrayContaining([
        { source: 'page_view', tiktok: 'Pageview', count: 5 },
        { source: 'page_view', tiktok: 'PageView', count: 5 },
        { source: 'add_to_cart', tiktok: 'AddToCart', count: 2 },
      ]),
    );
    expect(report.unmappedEventNames).toEqual([{ source: 'wishlist_share', count: 2 }]);

    const connectorChecks = report.checks.filter((check: { name: string }) => check.name === 'connector_click_ids');
    expect(connectorChecks).toEqual([
      {
        name: 'connector_click_ids',
        status: 'ok',
        message: 'TikTok connector "TikTok": ttclid on 37.5% of events (12.5% restored), ttp on 25.0% of events (12.5% restored)',
        threshold: 0,
        value: 3 / 8,
        platform: 'tiktok',
        connectorId: ws.connectorId,
      },
      {
        name: 'connector_click_ids',
        status: 'ok',
        message: 'Meta connector "Meta": fbc on 62.5% of events (25.0% restored), fbp on 50.0% of events (25.0% restored)',
        threshold: 0,
        value: 5 / 8,
        platform: 'meta',
        connectorId: metaConnectorId,
      },
    ]);
    expect(report.checks.find((check: { name: string }) => check.name === 'ttclid_coverage')).toMatchObject({ platform: 'tiktok', connectorId: null });
    expect(report.checks.find((check: { name: string }) => check.name === 'event_name_mapping')).toMatchObject({
      status: 'warn',
      message: '12.5% of delivered events had no platform event name (limit 10.0%): wishlist_share (Meta 12.5%, TikTok 12.5%)',
    });
  });

  it("with connectorId, gives that connector's platform only, its delivery figures and the workspace's ingest figures", async () => {
    const report = await metrics(`?connectorId=${metaConnectorId}`);
    expect(report).toMatchObject({ accepted: 8, delivered: 8 });
    expect(report.connectorClickIdCoverage).toEqual([
      { connectorId: metaConnectorId, name: 'Meta', platform: 'meta', kinds: { fbc: report.clickIdCoverageByKind.fbc, fbp: report.clickIdCoverageByKind.fbp } },
    ]);
    expect(Object.keys(report.eventNamesByPlatform)).toEqual(['meta']);
    expect(report.eventNamesByPlatform.meta.eventNames[0]).toEqual({ source: 'page_view', name: 'PageView', count: 5 });
    expect(report.eventNames.map((name: { tiktok: string }) => name.tiktok)).not.toContain('Pageview');
    expect(report.checks.filter((check: { name: string }) => check.name === 'connector_click_ids').map((check: { platform: string }) => check.platform)).toEqual(['meta']);
  });
});
