import { randomBytes } from 'node:crypto';
import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, TestDatabase } from '@app/testing';

// The journeys where ttclid is usually lost: a redirect/checkout hop to the server, and a
// conversion on another domain. TrackLayer must put the landing's ttclid and _ttp back.
describe('ttclid and ttp restoration', () => {
  let t: TestApp;
  let ws: IngestWorkspace;
  let db: TestDatabase;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.db;
    ws = await ingestWorkspace(t.http, 'restore');
  });
  afterAll(() => t.close());

  const send = (event: object, key = ws.ingestKey) =>
    t.http.post('/v1/ingest').set('X-TrackLayer-Key', key).send(event).expect(202);
  const payloadOf = async (id: string) => (await db.query('SELECT payload, ttclid_restored, ttp_restored FROM events WHERE id = $1', [id]))[0];

  it('landing -> server purchase with email -> purchase on another domain with only the email', async () => {
    const visitor = `v-${randomBytes(4).toString('hex')}`;
    const email = `${visitor}@buyer.example`;
    const ttclid = `E.C.P.${randomBytes(6).toString('hex')}`;

    const landing = await send({
      event: 'page_view',
      anonymous_id: visitor,
      page: { url: `https://shop.example/landing?utm_source=tiktok&ttclid=${ttclid}` },
      cookies: { _ttp: 'ttp-journey' },
    });
    expect((await payloadOf(landing.body.results[0].id)).payload.clickIds).toEqual({ ttclidSource: 'url', ttpSource: 'cookie' });

    // The checkout redirect dropped the query string; the server only knows the visitor and email.
    const serverPurchase = await send({ event: 'purchase', anonymous_id: visitor, user: { email }, properties: { order_id: `${visitor}-1` } });
    const second = await payloadOf(serverPurchase.body.results[0].id);
    expect(second.payload.user).toMatchObject({ ttclid, ttp: 'ttp-journey' });
    expect(second.payload.clickIds).toEqual({ ttclidSource: 'restored', ttpSource: 'restored' });
    expect([second.ttclid_restored, second.ttp_restored]).toEqual([true, true]);

    // A different domain: another anonymous id, only the same email.
    const otherDomain = await send({
      event: 'purchase',
      anonymous_id: 'someone-new-on-other-domain',
      user: { email: email.toUpperCase() },
      page: { url: 'https://checkout.other-domain.example/done' },
      properties: { order_id: `${visitor}-2` },
    });
    const third = await payloadOf(otherDomain.body.results[0].id);
    expect(third.payload.user.ttclid).toBe(ttclid);
    expect(third.ttclid_restored).toBe(true);
  });

  it('reads ttclid from a same-host referrer and from the ttclid cookie, in that order', async () => {
    const referrer = await send({
      event: 'page_view',
      page: { url: 'https://shop.example/product', referrer: 'https://shop.example/landing?ttclid=E.C.P.ref' },
      cookies: { ttclid: 'E.C.P.cookie' },
    });
    expect((await payloadOf(referrer.body.results[0].id)).payload.user.ttclid).toBe('E.C.P.ref');

    const foreign = await send({
      event: 'page_view',
      page: { url: 'https://shop.example/product', referrer: 'https://elsewhere.example/?ttclid=E.C.P.foreign' },
      cookies: { ttclid: 'E.C.P.cookie' },
    });
    const payload = (await payloadOf(foreign.body.results[0].id)).payload;
    expect(payload.user.ttclid).toBe('E.C.P.cookie');
    expect(payload.clickIds.ttclidSource).toBe('cookie');
  });

  it('does not restore beyond the attribution window', async () => {
    const visitor = `old-${randomBytes(4).toString('hex')}`;
    const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 86_400;
    await send({ event: 'page_view', anonymous_id: visitor, event_time: twoDaysAgo, page: { url: 'https://shop.example/?ttclid=E.C.P.old' } });
    await t.http
      .patch(`/v1/workspaces/${ws.workspaceId}`)
      .set(bearer(ws.token))
      .send({ settings: { attributionWindowDays: 1 } })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, t.config.ingestKeyCacheTtlMs + 50));
    const late = await send({ event: 'purchase', anonymous_id: visitor });
    expect((await payloadOf(late.body.results[0].id)).payload.user.ttclid).toBeUndefined();
    await t.http.patch(`/v1/workspaces/${ws.workspaceId}`).set(bearer(ws.token)).send({ settings: { attributionWindowDays: 7 } }).expect(200);
  });

  it("never restores another workspace's click ids", async () => {
    const other = await ingestWorkspace(t.http, 'restore-other');
    const visitor = `shared-${randomBytes(4).toString('hex')}`;
    await send({ event: 'page_view', anonymous_id: visitor, page: { url: 'https://a.example/?ttclid=E.C.P.mine' } });
    const theirs = await send({ event: 'purchase', anonymous_id: visitor }, other.ingestKey);
    expect((await payloadOf(theirs.body.results[0].id)).payload.user.ttclid).toBeUndefined();
  });

  // Restoration covers the kinds the registered platforms declare (TikTok's here; Meta's fbc/fbp
  // once a Meta platform is registered); what is captured is in the event's map either way.
  it('captures ttclid, _ttp, fbclid and _fbp into the click id map, and restores every registered platform\'s kinds onto a later event', async () => {
    const visitor = `kinds-${randomBytes(4).toString('hex')}`;
    const landing = await send({
      event: 'page_view',
      anonymous_id: visitor,
      page: { url: 'https://shop.example/?ttclid=E.C.P.kinds&fbclid=IwAR_kinds' },
      cookies: { _ttp: 'ttp-kinds', _fbp: 'fb.1.1764000000000.777' },
    });
    const first = (await payloadOf(landing.body.results[0].id)).payload;
    expect(first.clickIdsByKind).toEqual({
      ttclid: { value: 'E.C.P.kinds', source: 'url' },
      ttp: { value: 'ttp-kinds', source: 'cookie' },
      fbc: { value: expect.stringMatching(/^fb\.1\.\d{13}\.IwAR_kinds$/), source: 'url' },
      fbp: { value: 'fb.1.1764000000000.777', source: 'cookie' },
    });
    expect(first.user.fbc).toBe(first.clickIdsByKind.fbc.value);

    const later = await send({ event: 'purchase', anonymous_id: visitor, properties: { order_id: `${visitor}-1` } });
    const restored = (await payloadOf(later.body.results[0].id)).payload;
    // TikTok and Meta are both registered platforms: each one's kinds come back, with the fbc's first-seen time.
    expect(restored.clickIdsByKind).toEqual({
      ttclid: { value: 'E.C.P.kinds', source: 'restored' },
      ttp: { value: 'ttp-kinds', source: 'restored' },
      fbc: { value: first.clickIdsByKind.fbc.value, source: 'restored' },
      fbp: { value: 'fb.1.1764000000000.777', source: 'restored' },
    });
    expect(restored.user).toMatchObject({ ttclid: 'E.C.P.kinds', ttp: 'ttp-kinds', fbc: first.clickIdsByKind.fbc.value, fbp: 'fb.1.1764000000000.777' });
    const stored = await db.query<{ kind: string }>(
      `SELECT kind FROM click_ids, jsonb_object_keys(ids) AS kind WHERE workspace_id = $1 AND identity = $2 ORDER BY kind`,
      [ws.workspaceId, `anon:${visitor}`],
    );
    expect(stored.map((row) => row.kind)).toEqual(['fbc', 'fbp', 'ttclid', 'ttp']);
  });
});
