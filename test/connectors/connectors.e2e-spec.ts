import { addMember, bearer, createTestApp, SignedUpUser, signUp, TestApp, TestSandbox } from '@app/testing';

describe('TikTok connectors', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let owner: SignedUpUser;
  let path: string;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, TIKTOK_TIMEOUT_MS: '500' });
    owner = await signUp(t.http, 'connectors');
    path = `/v1/workspaces/${owner.workspaceId}/connectors`;
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });
  afterEach(() => sandbox.clearFaults());

  const connectorRows = () => t.db.query('SELECT * FROM connectors WHERE workspace_id = $1', [owner.workspaceId]);

  it('validates good credentials with a test event, saves the connector active and never returns the token', async () => {
    const pixel = await sandbox.registerPixel();
    const response = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Main pixel', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken, testEventCode: 'TEST42' })
      .expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      platform: 'tiktok',
      name: 'Main pixel',
      pixelCode: pixel.pixelCode,
      accessTokenHint: `…${pixel.accessToken.slice(-4)}`,
      testEventCode: 'TEST42',
      status: 'active',
      statusReason: null,
      lastValidation: { ok: true, at: expect.any(String), code: 0, message: expect.any(String) },
      eventMapping: {},
      eventMappingNotices: [],
      options: { sendIp: true, sendUserAgent: true, unmappedEvents: 'send' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toContain(pixel.accessToken);

    // The check really went to the sandbox, as one test event under the connector's code.
    const received = await sandbox.events({ pixelCode: pixel.pixelCode, testEventCode: 'TEST42' });
    expect(received.map((e) => e.event)).toEqual(['TrackLayerCredentialCheck']);

    const list = await t.http.get(path).set(bearer(owner.token)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(pixel.accessToken);
    const one = await t.http.get(`${path}/${response.body.id}`).set(bearer(owner.token)).expect(200);
    expect(one.body.accessTokenHint).toBe(response.body.accessTokenHint);
  });

  it('stores the token only encrypted', async () => {
    const pixel = await sandbox.registerPixel();
    const { body } = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Sealed', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(201);
    const rows = await t.db.query('SELECT to_jsonb(c)::text AS dump, access_token_sealed FROM connectors c WHERE id = $1', [body.id]);
    expect(rows[0].dump).not.toContain(pixel.accessToken);
    expect(rows[0].access_token_sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
  });

  it('answers a wrong token with 422 (40105) and saves nothing', async () => {
    const pixel = await sandbox.registerPixel();
    const before = (await connectorRows()).length;
    const response = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Bad', pixelCode: pixel.pixelCode, accessToken: 'tok_wrong_wrong_wrong' })
      .expect(422);
    expect(response.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: expect.stringContaining(`This access token cannot send events to pixel ${pixel.pixelCode}: TikTok said`),
      details: { code: 'credentials_rejected', platformCode: 40105, platformMessage: expect.any(String) },
    });
    expect(await connectorRows()).toHaveLength(before);
  });

  it("answers another pixel's token with 422 (40001)", async () => {
    const mine = await sandbox.registerPixel();
    const other = await sandbox.registerPixel();
    const response = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Crossed', pixelCode: mine.pixelCode, accessToken: other.accessToken })
      .expect(422);
    expect(response.body.details.platformCode).toBe(40001);
  });

  it('answers 502 when TikTok fails (HTTP 500 or timeout) and saves nothing', async () => {
    const pixel = await sandbox.registerPixel();
    const before = (await connectorRows()).length;
    await sandbox.fault('http_500', 1, pixel.pixelCode);
    const http500 = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Down', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(502);
    expect(http500.body).toMatchObject({ statusCode: 502, details: { code: 'platform_unavailable', httpStatus: 500 } });
    expect(http500.body.message).toContain('nothing was saved');

    await sandbox.fault('timeout', 1, pixel.pixelCode);
    const timeout = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Slow', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(502);
    expect(timeout.body.details.platformMessage).toContain('did not answer within 500 ms');
    expect(await connectorRows()).toHaveLength(before);
  });

  it('re-validates a PATCH that changes the token: a bad one is refused and the old one stays', async () => {
    const pixel = await sandbox.registerPixel();
    const { body: created } = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Patched', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(201);
    const sealedBefore = (await t.db.query('SELECT access_token_sealed FROM connectors WHERE id = $1', [created.id]))[0];

    const refused = await t.http
      .patch(`${path}/${created.id}`)
      .set(bearer(owner.token))
      .send({ accessToken: 'tok_not_the_right_one', name: 'Renamed too' })
      .expect(422);
    expect(refused.body.details.platformCode).toBe(40105);

    const after = await t.http.get(`${path}/${created.id}`).set(bearer(owner.token)).expect(200);
    expect(after.body).toMatchObject({ name: 'Patched', accessTokenHint: created.accessTokenHint, status: 'active' });
    const sealedAfter = (await t.db.query('SELECT access_token_sealed FROM connectors WHERE id = $1', [created.id]))[0];
    expect(sealedAfter).toEqual(sealedBefore);

    // The old token still works: validate succeeds with it.
    await t.http.post(`${path}/${created.id}/validate`).set(bearer(owner.token)).expect(200);
  });

  it('changes settings without a check, and the pixel with one', async () => {
    const pixel = await sandbox.registerPixel();
    const { body: created } = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Settings', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(201);
    const checksBefore = (await sandbox.events({ pixelCode: pixel.pixelCode })).length;
    const patched = await t.http
      .patch(`${path}/${created.id}`)
      .set(bearer(owner.token))
      .send({ eventMapping: { order_done: 'CompletePayment' }, options: { sendIp: false, unmappedEvents: 'drop' } })
      .expect(200);
    expect(patched.body).toMatchObject({
      eventMapping: { order_done: 'CompletePayment' },
      options: { sendIp: false, sendUserAgent: true, unmappedEvents: 'drop' },
    });
    expect(await sandbox.events({ pixelCode: pixel.pixelCode })).toHaveLength(checksBefore);

    const other = await sandbox.registerPixel();
    const moved = await t.http
      .patch(`${path}/${created.id}`)
      .set(bearer(owner.token))
      .send({ pixelCode: other.pixelCode, accessToken: other.accessToken })
      .expect(200);
    expect(moved.body).toMatchObject({ pixelCode: other.pixelCode, accessTokenHint: `…${other.accessToken.slice(-4)}` });
  });

  it('validate records a refusal and marks the connector invalid', async () => {
    const pixel = await sandbox.registerPixel();
    const { body: created } = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Revoked later', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(201);
    // The customer revokes the token in TikTok Events Manager and generates a new one.
    await sandbox.revokeToken(pixel.accessToken);
    await fetch(`${sandbox.url}/sandbox/pixels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pixelCode: pixel.pixelCode, accessToken: 'tok_rotated_at_tiktok_1234' }),
    });
    const refused = await t.http.post(`${path}/${created.id}/validate`).set(bearer(owner.token)).expect(422);
    expect(refused.body.details.platformCode).toBe(40105);
    const after = await t.http.get(`${path}/${created.id}`).set(bearer(owner.token)).expect(200);
    expect(after.body).toMatchObject({ status: 'invalid', lastValidation: { ok: false, code: refused.body.details.platformCode } });
    expect(after.body.statusReason).toEqual(expect.any(String));

    // Fixing the token (validated PATCH) makes it active again.
    const fixed = await t.http
      .patch(`${path}/${created.id}`)
      .set(bearer(owner.token))
      .send({ accessToken: 'tok_rotated_at_tiktok_1234' })
      .expect(200);
    expect(fixed.body).toMatchObject({ status: 'active', statusReason: null, lastValidation: { ok: true } });
  });

  it('names bad fields', async () => {
    const response = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'Snap Chat', name: '', pixelCode: 'no spaces!', eventMapping: { purchase: 3 }, options: { unmappedEvents: 'maybe' } })
      .expect(400);
    const fields = response.body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['platform', 'name', 'pixelCode', 'accessToken', 'eventMapping', 'options.unmappedEvents']));
  });

  it('refuses a platform this deployment was not composed with', async () => {
    const response = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'snapchat', name: 'Snap', pixelCode: 'PIXEL1234', accessToken: 'tok_snapchat_12345678' })
      .expect(400);
    expect(response.body).toMatchObject({ message: 'Platform snapchat is not available', details: { code: 'unknown_platform', field: 'platform' } });
  });

  it('lets only owners and admins change connectors; members may read and validate', async () => {
    const pixel = await sandbox.registerPixel();
    const { body: created } = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Roles', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(201);
    const member = await signUp(t.http, 'connector-member');
    const viewer = await signUp(t.http, 'connector-viewer');
    await addMember(t.http, owner, member, 'member');
    await addMember(t.http, owner, viewer, 'viewer');

    await t.http.get(path).set(bearer(viewer.token)).expect(200);
    await t.http.post(`${path}/${created.id}/validate`).set(bearer(viewer.token)).expect(403);
    await t.http.post(`${path}/${created.id}/validate`).set(bearer(member.token)).expect(200);
    await t.http.post(path).set(bearer(member.token)).send({ platform: 'tiktok', name: 'x', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken }).expect(403);
    await t.http.patch(`${path}/${created.id}`).set(bearer(member.token)).send({ name: 'y' }).expect(403);
    await t.http.delete(`${path}/${created.id}`).set(bearer(member.token)).expect(403);
    await t.http.delete(`${path}/${created.id}`).set(bearer(owner.token)).expect(204);
    await t.http.get(`${path}/${created.id}`).set(bearer(owner.token)).expect(404);
  });

  it("answers 404 for another workspace's connectors", async () => {
    const pixel = await sandbox.registerPixel();
    const { body: created } = await t.http
      .post(path)
      .set(bearer(owner.token))
      .send({ platform: 'tiktok', name: 'Private', pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
      .expect(201);
    const stranger = await signUp(t.http, 'stranger');
    await t.http.get(`${path}/${created.id}`).set(bearer(stranger.token)).expect(404);
    await t.http.post(`${path}/${created.id}/validate`).set(bearer(stranger.token)).expect(404);
    // Their own workspace path with our connector id: still not found.
    const theirs = `/v1/workspaces/${stranger.workspaceId}/connectors/${created.id}`;
    await t.http.get(theirs).set(bearer(stranger.token)).expect(404);
    await t.http.patch(theirs).set(bearer(stranger.token)).send({ name: 'stolen' }).expect(404);
    await t.http.delete(theirs).set(bearer(stranger.token)).expect(404);
    expect((await t.http.get(`${path}/${created.id}`).set(bearer(owner.token)).expect(200)).body.name).toBe('Private');
  });
});
