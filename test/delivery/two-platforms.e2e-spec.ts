import { randomBytes } from 'node:crypto';
import { bearer, connectMeta, DeliveryStack, IngestWorkspace, ingestWorkspace, sha256Hex, startDeliveryStack, waitFor } from '@app/testing';

// One workspace with a TikTok and a Meta connector, both platforms answered by the sandbox: one
// event reaches both with each platform's own click ids and hashing, a later event of the same
// visitor gets both restored, and Meta refusing the token stops only the Meta connector.
describe('TikTok and Meta connectors of one workspace', () => {
  let stack: DeliveryStack;
  let ws: IngestWorkspace;
  let meta: { connectorId: string; pixelCode: string; accessToken: string };

  beforeAll(async () => {
    stack = await startDeliveryStack();
    ws = await ingestWorkspace(stack.api.http, 'two-platforms', stack.sandbox);
    const { created, ...connected } = await connectMeta(stack.api.http, ws, stack.sandbox);
    expect(created).toMatchObject({ platform: 'meta', pixelCode: connected.pixelCode, status: 'active', lastValidation: { ok: true } });
    meta = connected;
  });
  afterAll(async () => {
    await stack.close();
  });

  const ingest = (body: object) => stack.api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);
  const tiktokEvent = (eventId: string) =>
    waitFor(
      () => stack.sandbox.deliveredEvents(ws.pixel?.pixelCode as string),
      (events) => events.some((e) => e.event_id === eventId),
    ).then((events) => events.find((e) => e.event_id === eventId));
  const metaEvent = (eventId: string) =>
    waitFor(
      () => stack.sandbox.metaEvents(meta.pixelCode),
      (events) => events.some((e) => e.event_id === eventId),
    ).then((events) => events.find((e) => e.event_id === eventId) as Record<string, unknown>);
  const connector = async (id: string) =>
    (await stack.api.http.get(`/v1/workspaces/${ws.workspaceId}/connectors/${id}`).set(bearer(ws.token)).expect(200)).body;

  it('checks Meta credentials on save: a pixel id that is not a number and a bad token are refused, nothing is stored', async () => {
    const path = `/v1/workspaces/${ws.workspaceId}/connectors`;
    const notANumber = await stack.api.http.post(path).set(bearer(ws.token)).send({ platform: 'meta', name: 'Bad', pixelCode: 'PXABC123', accessToken: meta.accessToken }).expect(422);
    expect(notANumber.body.message).toContain('pixel (dataset) id is a number');
    const badToken = await stack.api.http.post(path).set(bearer(ws.token)).send({ platform: 'meta', name: 'Bad', pixelCode: meta.pixelCode, accessToken: 'EAAB-not-the-token' }).expect(422);
    expect(badToken.body.details).toMatchObject({ platformCode: 190 });
    const list = await stack.api.http.get(path).set(bearer(ws.token)).expect(200);
    expect(list.body.map((c: { platform: string }) => c.platform).sort()).toEqual(['meta', 'tiktok']);
  });

  it('delivers one event to both platforms with their own click ids and hashes, and restores both on a later event', async () => {
    const visitor = `both-${randomBytes(4).toString('hex')}`;
    const eventId = `${visitor}-landing`;
    await ingest({
      event: 'purchase',
      event_id: eventId,
      anonymous_id: visitor,
      page: { url: 'https://shop.example/p?ttclid=E.C.P.both&fbclid=IwAR_both' },
      cookies: { _ttp: 'ttp-both', _fbp: 'fb.1.1764000000000.42' },
      user: { email: ' Buyer@Example.com ', phone: '+1 (650) 555-1212', city: 'San Francisco', country: 'US', ip: '203.0.113.9', user_agent: 'Mozilla/5.0 both' },
      properties: { value: 12.5, currency: 'usd' },
    });
    const [tiktok, fb] = await Promise.all([tiktokEvent(eventId), metaEvent(eventId)]);

    expect(tiktok).toMatchObject({
      event: 'CompletePayment',
      event_id: eventId,
      user: { ttclid: 'E.C.P.both', ttp: 'ttp-both', email: [sha256Hex('buyer@example.com')], phone: [sha256Hex('+16505551212')] },
    });
    // Each platform gets its own click ids only (the page URL, sent as it is, still holds both).
    expect(Object.keys(tiktok?.user ?? {})).not.toEqual(expect.arrayContaining(['fbc']));

    const userData = fb.user_data as Record<string, unknown>;
    expect(fb).toMatchObject({ event_name: 'Purchase', event_id: eventId, action_source: 'website', custom_data: { value: 12.5, currency: 'USD' } });
    expect(userData).toEqual({
      em: [sha256Hex('buyer@example.com')],
      // Meta's rules, not TikTok's: digits with the country code and no "+", city and country hashed.
      ph: [sha256Hex('16505551212')],
      ct: sha256Hex('sanfrancisco'),
      country: sha256Hex('us'),
      client_ip_address: '203.0.113.9',
      client_user_agent: 'Mozilla/5.0 both',
      fbc: expect.stringMatching(/^fb\.1\.\d{13}\.IwAR_both$/),
      fbp: 'fb.1.1764000000000.42',
    });

    const laterId = `${visitor}-later`;
    await ingest({ event: 'add_to_cart', event_id: laterId, anonymous_id: visitor });
    const [tiktokLater, fbLater] = await Promise.all([tiktokEvent(laterId), metaEvent(laterId)]);
    expect(tiktokLater).toMatchObject({ event: 'AddToCart', user: { ttclid: 'E.C.P.both', ttp: 'ttp-both' } });
    // The fbc comes back with its first-seen time, not a new one.
    expect(fbLater).toMatchObject({ event_name: 'AddToCart', user_data: { fbc: userData.fbc, fbp: 'fb.1.1764000000000.42' } });
  });

  it('rejects only the event Meta names in a refused batch and sends the rest again at once', async () => {
    // The sandbox refuses the next request naming $['data'][0], as Meta does for one bad event.
    await stack.sandbox.metaFault('invalid_parameter', 1, meta.pixelCode);
    const batch = `split-${randomBytes(4).toString('hex')}`;
    await ingest({
      batch: [0, 1, 2].map((i) => ({ event: 'add_to_cart', event_id: `${batch}-${i}`, user: { email: `split${i}@example.com` } })),
    });
    const delivered = await waitFor(
      () => stack.sandbox.metaEvents(meta.pixelCode),
      (events) => events.filter((e) => String(e.event_id).startsWith(batch)).length >= 2,
    );
    const ids = delivered.map((e) => String(e.event_id)).filter((id) => id.startsWith(batch));
    // The sandbox logs an event before TrackLayer commits its answer: wait for the rows to settle.
    const rows = await waitFor(
      () =>
        stack.api.db.query<{ eventId: string; status: string }>(
          `SELECT e.event_id AS "eventId", d.status FROM deliveries d
             JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_ref
            WHERE d.workspace_id = $1 AND d.connector_id = $2 AND e.event_id LIKE $3 ORDER BY e.event_id`,
          [ws.workspaceId, meta.connectorId, `${batch}-%`],
        ),
      (found) => found.length === 3 && found.every((r) => r.status !== 'pending'),
    );
    const rejected = rows.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'delivered').map((r) => r.eventId).sort()).toEqual(ids.sort());
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(rejected[0].eventId);
  });

  it("makes Meta's hashes at ingest only while the workspace has a Meta connector", async () => {
    const other = await ingestWorkspace(stack.api.http, 'tiktok-only', stack.sandbox);
    const send = async (eventId: string) => {
      const answer = await stack.api.http
        .post('/v1/ingest')
        .set('X-TrackLayer-Key', other.ingestKey)
        .send({ event: 'purchase', event_id: eventId, user: { email: 'Only@Example.com', phone: '+1 650 555 1212' } })
        .expect(202);
      const ref = answer.body.results[0].id as string;
      const story = await stack.api.http.get(`/v1/workspaces/${other.workspaceId}/events/${ref}`).set(bearer(other.token)).expect(200);
      return story.body.normalized as { user: Record<string, unknown>; platformUser?: Record<string, unknown> };
    };
    const path = `/v1/workspaces/${other.workspaceId}/connectors`;

    const tiktokOnly = await send('only-tiktok');
    expect(tiktokOnly.user.email).toEqual([sha256Hex('only@example.com')]);
    expect(tiktokOnly.platformUser).toBeUndefined();

    const created = await connectMeta(stack.api.http, other, stack.sandbox);
    // At once, though this process resolved the key a moment ago: creating the connector is seen here.
    expect((await send('with-meta')).platformUser).toEqual({ meta: expect.objectContaining({ em: [sha256Hex('only@example.com')], ph: [sha256Hex('16505551212')] }) });

    await stack.api.http.delete(`${path}/${created.connectorId}`).set(bearer(other.token)).expect(204);
    expect((await send('meta-gone')).platformUser).toBeUndefined();
  });

  it('marks only the Meta connector invalid on code 190 and holds only its deliveries; TikTok keeps delivering', async () => {
    await stack.sandbox.revokeMetaToken(meta.accessToken);
    const refusedId = `after-revoke-${randomBytes(4).toString('hex')}`;
    await ingest({ event: 'purchase', event_id: refusedId, anonymous_id: 'after-revoke', properties: { value: 1, currency: 'USD' } });

    const invalid = await waitFor(
      () => connector(meta.connectorId),
      (c) => c.status === 'invalid',
    );
    expect(invalid.statusReason).toContain('Meta refused the access token');
    expect(await tiktokEvent(refusedId)).toMatchObject({ event: 'CompletePayment' });
    expect(await connector(ws.connectorId as string)).toMatchObject({ status: 'active' });

    const nextId = `${refusedId}-next`;
    await ingest({ event: 'page_view', event_id: nextId, anonymous_id: 'after-revoke' });
    expect(await tiktokEvent(nextId)).toMatchObject({ event: 'Pageview' });

    const rows = await waitFor(
      () =>
        stack.api.db.query<{ platform: string; status: string; lastError: string | null }>(
          `SELECT c.platform, d.status, d.last_error AS "lastError" FROM deliveries d JOIN connectors c ON c.id = d.connector_id
            JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_ref
            WHERE d.workspace_id = $1 AND e.event_id = ANY($2) ORDER BY c.platform, e.event_id`,
          [ws.workspaceId, [refusedId, nextId]],
        ),
      // TikTok's answer commits just after the sandbox logs the event.
      (found) => found.filter((r) => r.platform === 'tiktok' && r.status === 'delivered').length === 2,
    );
    expect(rows).toEqual([
      // Held: pending behind the invalid connector until its credentials are fixed, never dropped.
      { platform: 'meta', status: 'pending', lastError: expect.stringContaining('190') },
      { platform: 'meta', status: 'pending', lastError: null },
      { platform: 'tiktok', status: 'delivered', lastError: null },
      { platform: 'tiktok', status: 'delivered', lastError: null },
    ]);
    const requests = await stack.sandbox.metaRequests(meta.pixelCode);
    // One events request met the 190; the invalid connector sent no other.
    expect(requests.filter((r) => r.method === 'POST' && r.code === 190)).toHaveLength(1);
  });
});
