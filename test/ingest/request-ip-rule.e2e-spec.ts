import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, waitFor } from '@app/testing';

// POST /v1/ingest: the request's IP and user agent stand in for the visitor's only when a browser
// sent the request (Origin / Sec-Fetch-Mode); a server's would be the merchant's own.
describe('native ingest: request IP and user agent only from browsers', () => {
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await ingestWorkspace(t.http, 'ip-rule');
  });
  afterAll(() => t?.close());

  const stored = async (eventId: string) =>
    (
      await waitFor(
        async () => (await t.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=${eventId}`).set(bearer(ws.token))).body,
        (body) => Array.isArray(body) && body.length === 1,
      )
    )[0].event;

  it('takes them from a browser request', async () => {
    await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .set('Origin', 'https://shop.example')
      .set('User-Agent', 'Mozilla/5.0 (visitor)')
      .send({ event: 'page_view', event_id: 'ip-browser' })
      .expect(202);
    expect((await stored('ip-browser')).user).toMatchObject({ ip: expect.stringMatching(/\d/), userAgent: 'Mozilla/5.0 (visitor)' });

    await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .set('Sec-Fetch-Mode', 'no-cors')
      .send({ event: 'page_view', event_id: 'ip-beacon' })
      .expect(202);
    expect((await stored('ip-beacon')).user.ip).toEqual(expect.any(String));
  });

  it("never takes a server request's, and keeps the visitor's that the event names", async () => {
    await t.http
      .post('/v1/ingest')
      .set('Authorization', `Bearer ${ws.ingestKey}`)
      .set('User-Agent', 'node')
      .send({ batch: [{ event: 'purchase', event_id: 'ip-server' }, { event: 'purchase', event_id: 'ip-named', user: { ip: '203.0.113.7', user_agent: 'Mozilla/5.0 (buyer)' } }] })
      .expect(202);
    const server = await stored('ip-server');
    expect(server.user.ip).toBeUndefined();
    expect(server.user.userAgent).toBeUndefined();
    expect((await stored('ip-named')).user).toMatchObject({ ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (buyer)' });
  });
});
