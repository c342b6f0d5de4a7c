import { gzipSync, deflateSync } from 'node:zlib';
import { TikTokEvent } from '@app/tiktok';
import { bearer, deliveredEvent, DeliveryStack, IngestWorkspace, ingestWorkspace, sha256Hex as sha, startDeliveryStack, TestApp, TestSandbox, waitFor } from '@app/testing';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

// The Segment HTTP Tracking API on the real api + worker + TikTok sandbox, with raw HTTP: auth
// variants, encodings, answers, per-message rejections, identify, and the server-IP rule.
describe('Segment HTTP API (drop-in)', () => {
  let stack: DeliveryStack;
  let sandbox: TestSandbox;
  let api: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    stack = await startDeliveryStack();
    ({ sandbox, api } = stack);
    ws = await ingestWorkspace(api.http, 'segment-http', sandbox);
  });
  afterAll(() => stack?.close());

  const delivered = (eventId: string): Promise<TikTokEvent> => deliveredEvent(sandbox, ws.pixel?.pixelCode, (e) => e.event_id === eventId);
  const metrics = async () => (await api.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;

  it('takes the key as Basic user name (with or without colon), body writeKey, and ?writeKey= only on the beacon', async () => {
    const track = (id: string) => ({ userId: 'u-auth', event: 'Signed Up', messageId: id });
    await api.http.post('/v1/track').set('Authorization', basic(ws.ingestKey)).send(track('auth-1')).expect(200, { success: true });
    await api.http
      .post('/v1/track')
      .set('Authorization', `Basic ${Buffer.from(ws.ingestKey).toString('base64')}`)
      .send(track('auth-2'))
      .expect(200, { success: true });
    await api.http.post('/v1/t').send({ ...track('auth-3'), writeKey: ws.ingestKey }).expect(200);
    await api.http
      .post(`/beacon/v1/batch?writeKey=${ws.ingestKey}`)
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ batch: [{ type: 'track', ...track('auth-4') }] }))
      .expect(200);

    const refused = await api.http.post(`/v1/batch?writeKey=${ws.ingestKey}`).send({ batch: [{ type: 'track', ...track('x') }] }).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, details: { code: 'missing_write_key' } });
    await api.http.post('/v1/track').set('Authorization', basic('tl_live_unknownunknownunknownunknown')).send(track('x')).expect(401);
    for (const id of ['auth-1', 'auth-2', 'auth-3', 'auth-4']) expect((await delivered(id)).event).toBe('CompleteRegistration');
  });

  it('publishes the drop-in routes in the OpenAPI document', async () => {
    const paths = Object.keys((await api.http.get('/docs-json').expect(200)).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/batch', '/v1/t', '/v1/track', '/beacon/v1/batch', '/v1/projects/{writeKey}/settings', '/mp/collect', '/debug/mp/collect', '/v1/platforms/tiktok/event-names']),
    );
  });

  it('stops taking a revoked key at once', async () => {
    const other = await api.http.post(`/v1/workspaces/${ws.workspaceId}/ingest-keys`).set(bearer(ws.token)).send({ name: 'revoked' }).expect(201);
    await api.http.post('/v1/track').set('Authorization', basic(other.body.key)).send({ userId: 'u', event: 'x' }).expect(200);
    await api.http.delete(`/v1/workspaces/${ws.workspaceId}/ingest-keys/${other.body.id}`).set(bearer(ws.token)).expect(204);
    await api.http.post('/v1/track').set('Authorization', basic(other.body.key)).send({ userId: 'u', event: 'x' }).expect(401);
  });

  it('reads gzip and deflate bodies of any content type, and limits the decoded size', async () => {
    const batch = (id: string) => JSON.stringify({ batch: [{ type: 'track', userId: 'u-zip', event: 'Product Viewed', messageId: id }] });
    await api.http
      .post('/v1/batch')
      .set('Authorization', basic(ws.ingestKey))
      .set('Content-Encoding', 'gzip')
      .set('Content-Type', 'application/octet-stream')
      .send(gzipSync(batch('zip-gzip')))
      .expect(200);
    await api.http
      .post('/v1/batch')
      .set('Authorization', basic(ws.ingestKey))
      .set('Content-Encoding', 'deflate')
      .set('Content-Type', 'application/json')
      .serialize((body: Buffer) => body as unknown as string)
      .send(deflateSync(batch('zip-deflate')))
      .expect(200);
    expect((await delivered('zip-gzip')).event).toBe('ViewContent');
    expect((await delivered('zip-deflate')).event).toBe('ViewContent');

    // 2 MB of one repeated character gzips to a few KB: the limit is on the decoded bytes.
    const bomb = gzipSync(JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'x', properties: { pad: 'a'.repeat(2_000_000) } }] }));
    expect(bomb.length).toBeLessThan(10_000);
    const tooLarge = await api.http
      .post('/v1/batch')
      .set('Authorization', basic(ws.ingestKey))
      .set('Content-Encoding', 'gzip')
      .set('Content-Type', 'application/json')
      .serialize((body: Buffer) => body as unknown as string)
      .send(bomb)
      .expect(400);
    expect(tooLarge.body.message).toMatch(/500 KB/);
    await api.http
      .post('/v1/batch')
      .set('Authorization', basic(ws.ingestKey))
      .set('Content-Encoding', 'gzip')
      .set('Content-Type', 'text/plain')
      .send('not gzip at all')
      .expect(400);
  });

  it('answers 200 for a valid envelope and counts each bad message with its reason; 400 for a bad envelope or JSON', async () => {
    const before = await metrics();
    await api.http
      .post('/v1/batch')
      .set('Authorization', basic(ws.ingestKey))
      .send({
        batch: [
          { type: 'track', userId: 'u-mixed', event: 'Order Completed', messageId: 'mixed-ok', properties: { revenue: 10, currency: 'USD' } },
          { type: 'track', event: 'no identity', messageId: 'mixed-1' },
          { type: 'track', userId: 'u', messageId: 'mixed-2' },
          { type: 'jump', userId: 'u', messageId: 'mixed-3' },
          { type: 'track', userId: 'u', event: 'x', messageId: 'm'.repeat(101) },
          // Over 32 KB, in strings each within the per-field bounds.
          { type: 'track', userId: 'u', event: 'x', messageId: 'mixed-5', properties: Object.fromEntries(Array.from({ length: 34 }, (_, i) => [`p${i}`, 'b'.repeat(1000)])) },
          // Text Postgres cannot store, in a part TrackLayer keeps unread: that message alone is refused.
          { type: 'track', userId: 'u', event: 'x', messageId: 'mixed-6', context: { campaign: { name: 'nul\u0000here' } } },
        ],
      })
      .expect(200, { success: true });
    expect((await delivered('mixed-ok')).properties).toMatchObject({ value: 10, currency: 'USD' });
    const after = await waitFor(metrics, (m) => m.rejected - before.rejected === 6);
    const reasons = Object.fromEntries(after.rejectionReasons.map((r: { reason: string; count: number }) => [r.reason, r.count]));
    expect(reasons).toMatchObject({ missing_identity: 1, missing_event: 1, invalid_type: 1, invalid_field: 1, event_too_large: 1, invalid_text: 1 });

    await api.http.post('/v1/batch').set('Authorization', basic(ws.ingestKey)).set('Content-Type', 'application/json').send('{"batch": [').expect(400);
    await api.http.post('/v1/batch').set('Authorization', basic(ws.ingestKey)).send({ batch: 'nope' }).expect(400);
    await api.http.post('/v1/t').set('Content-Type', 'text/plain').send(`{"writeKey":"${ws.ingestKey}",`).expect(400);
  });

  it('lets preflights through with the headers analytics.js and RudderStack send, and exposes Retry-After', async () => {
    const preflight = await api.http
      .options('/v1/b')
      .set('Origin', 'https://shop.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-retry-count,anonymousid')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(preflight.headers['access-control-allow-headers']).toEqual(expect.stringContaining('x-retry-count'));
    expect(preflight.headers['access-control-allow-headers']).toEqual(expect.stringContaining('anonymousid'));
    const answer = await api.http.post('/v1/t').set('Origin', 'https://shop.example').send({ writeKey: ws.ingestKey, userId: 'u', event: 'x' }).expect(200);
    expect(answer.headers['access-control-expose-headers']).toEqual(expect.stringContaining('retry-after'));
  });

  it('serves settings that point analytics.js at this host, and 404 for an unknown key', async () => {
    const settings = await api.http.get(`/v1/projects/${ws.ingestKey}/settings`).set('Host', 'track.shop.example').expect(200);
    expect(settings.body.integrations['Segment.io']).toMatchObject({ apiKey: ws.ingestKey, apiHost: 'track.shop.example/v1', protocol: 'http' });
    await api.http.get('/v1/projects/tl_live_unknownunknownunknownunknown/settings').expect(404);
  });

  it('remembers identities from identify, so a later server track by userId gets the click ids seen under the anonymous id', async () => {
    await api.http
      .post('/v1/p')
      .set('Origin', 'https://shop.example')
      .set('User-Agent', 'Mozilla/5.0 (visitor browser)')
      .send({
        writeKey: ws.ingestKey,
        anonymousId: 'anon-ident',
        messageId: 'ident-landing',
        properties: { url: 'https://shop.example/landing?ttclid=E.C.P.ident' },
        context: { library: { name: 'analytics.js' } },
        integrations: { 'TikTok Conversions': { ttp: 'ttp-ident' } },
      })
      .expect(200);
    await api.http
      .post('/v1/identify')
      .set('Authorization', basic(ws.ingestKey))
      .send({ userId: 'user-ident', anonymousId: 'anon-ident', messageId: 'ident-identify', traits: { email: 'Ident@Example.com' } })
      .expect(200);
    await api.http
      .post('/v1/track')
      .set('Authorization', basic(ws.ingestKey))
      .send({ userId: 'user-ident', event: 'Order Completed', messageId: 'ident-order', properties: { order_id: 'o-ident', revenue: 5 } })
      .expect(200);

    const order = await delivered('ident-order');
    expect(order.user).toMatchObject({ ttclid: 'E.C.P.ident', ttp: 'ttp-ident', external_id: [sha('user-ident')] });
    // The identify itself is never delivered, and never stored as an event.
    expect((await sandbox.deliveredEvents(ws.pixel?.pixelCode as string)).some((e) => e.event_id === 'ident-identify')).toBe(false);
    const stored = await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=ident-identify`).set(bearer(ws.token)).expect(200);
    expect(stored.body).toEqual([]);
    // The landing page came from a browser library: its request's user agent is the visitor's.
    expect((await delivered('ident-landing')).user).toMatchObject({ ttclid: 'E.C.P.ident', user_agent: 'Mozilla/5.0 (visitor browser)' });
  });

  it("never sends a server sender's request IP or user agent, and keeps what the message itself says", async () => {
    await api.http
      .post('/v1/batch')
      .set('Authorization', basic(ws.ingestKey))
      .set('User-Agent', 'analytics-node-next/latest')
      .send({
        batch: [
          { type: 'track', userId: 'u-ip', event: 'Product Added', messageId: 'ip-server', context: { library: { name: '@segment/analytics-node' } } },
          {
            type: 'track',
            userId: 'u-ip',
            event: 'Product Added',
            messageId: 'ip-forwarded',
            context: { library: { name: '@segment/analytics-node' }, ip: '203.0.113.50', userAgent: 'Mozilla/5.0 (visitor)' },
          },
          { type: 'track', userId: 'u-ip', event: 'Product Added', messageId: 'ip-direct', context: { direct: true } },
        ],
      })
      .expect(200);
    const server = await delivered('ip-server');
    expect(server.user?.ip).toBeUndefined();
    expect(server.user?.user_agent).toBeUndefined();
    expect((await delivered('ip-forwarded')).user).toMatchObject({ ip: '203.0.113.50', user_agent: 'Mozilla/5.0 (visitor)' });
    expect((await delivered('ip-direct')).user).toMatchObject({ ip: expect.any(String), user_agent: 'analytics-node-next/latest' });
  });

  it('keeps the unread parts of a message with the stored event, without plain personal data', async () => {
    await api.http
      .post('/v1/track')
      .set('Authorization', basic(ws.ingestKey))
      .send({
        userId: 'u-raw',
        event: 'Coupon Applied',
        messageId: 'raw-1',
        channel: 'server',
        context: { campaign: { source: 'tiktok' }, traits: { email: 'raw@example.com', plan: 'pro' } },
        properties: { coupon: 'X' },
      })
      .expect(200);
    const stored = await waitFor(
      async () => (await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=raw-1`).set(bearer(ws.token))).body,
      (body) => Array.isArray(body) && body.length === 1,
    );
    expect(stored[0].event.source).toEqual({
      format: 'segment',
      type: 'track',
      unread: { channel: 'server', context: { campaign: { source: 'tiktok' } }, traits: { plan: 'pro' } },
    });
    expect(JSON.stringify(stored[0].event)).not.toContain('raw@example.com');
  });
});
