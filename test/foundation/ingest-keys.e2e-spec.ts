import { addMember, bearer, createTestApp, SignedUpUser, signUp, TestApp } from '@app/testing';

describe('ingest keys', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let keysPath: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUp(t.http, 'keys');
    keysPath = `/v1/workspaces/${owner.workspaceId}/ingest-keys`;
  });
  afterAll(() => t.close());

  it('shows the full key once; lists and the database hold only its prefix and hash', async () => {
    const created = await t.http.post(keysPath).set(bearer(owner.token)).send({ name: 'Website' }).expect(201);
    const { key, prefix, id } = created.body;
    expect(created.body).toEqual({ id: expect.any(String), name: 'Website', prefix, key, createdAt: expect.any(String) });
    expect(key).toMatch(/^tl_live_[0-9A-Za-z]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const list = await t.http.get(keysPath).set(bearer(owner.token)).expect(200);
    expect(list.body).toEqual([{ id, name: 'Website', prefix, createdAt: expect.any(String), lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(key);

    const dump = await t.db.query('SELECT to_jsonb(k)::text AS row FROM ingest_keys k WHERE id = $1', [id]);
    expect(dump[0].row).not.toContain(key);
    expect(dump[0].row).not.toContain(key.slice(prefix.length));
  });

  it('accepts the key as Bearer, X-TrackLayer-Key and ?key=', async () => {
    const { key } = (await t.http.post(keysPath).set(bearer(owner.token)).send({ name: 'Three ways' }).expect(201)).body;
    const expected = { ok: true, workspaceId: owner.workspaceId, keyId: expect.any(String) };
    expect((await t.http.get('/v1/ingest/verify').set(bearer(key)).expect(200)).body).toEqual(expected);
    expect((await t.http.get('/v1/ingest/verify').set('X-TrackLayer-Key', key).expect(200)).body).toEqual(expected);
    expect((await t.http.get(`/v1/ingest/verify?key=${key}`).expect(200)).body).toEqual(expected);
    const list = await t.http.get(keysPath).set(bearer(owner.token)).expect(200);
    expect(list.body.find((k: { name: string }) => k.name === 'Three ways').lastUsedAt).not.toBeNull();
  });

  it('stops a revoked key at once with 401', async () => {
    const { key, id } = (await t.http.post(keysPath).set(bearer(owner.token)).send({ name: 'Doomed' }).expect(201)).body;
    await t.http.get('/v1/ingest/verify').set(bearer(key)).expect(200);
    await t.http.delete(`${keysPath}/${id}`).set(bearer(owner.token)).expect(204);
    const response = await t.http.get('/v1/ingest/verify').set(bearer(key)).expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'This ingest key is unknown or has been revoked',
      details: { code: 'invalid_ingest_key' },
    });
    const list = await t.http.get(keysPath).set(bearer(owner.token)).expect(200);
    expect(list.body.find((k: { id: string }) => k.id === id).revokedAt).not.toBeNull();
  });

  it('honours a revocation made by another api process within a second', async () => {
    const other = await createTestApp({ DATABASE_URL: t.databaseUrl });
    try {
      const { key, id } = (await t.http.post(keysPath).set(bearer(owner.token)).send({ name: 'Shared' }).expect(201)).body;
      await other.http.get('/v1/ingest/verify').set(bearer(key)).expect(200);
      await t.http.delete(`${keysPath}/${id}`).set(bearer(owner.token)).expect(204);
      await new Promise((resolve) => setTimeout(resolve, t.config.ingestKeyCacheTtlMs + 50));
      await other.http.get('/v1/ingest/verify').set(bearer(key)).expect(401);
    } finally {
      await other.close();
    }
  });

  it('rejects missing and unknown keys with 401 naming the ways to send one', async () => {
    const missing = await t.http.get('/v1/ingest/verify').expect(401);
    expect(missing.body.message).toContain('X-TrackLayer-Key');
    await t.http.get('/v1/ingest/verify').set(bearer(`tl_live_${'0'.repeat(43)}`)).expect(401);
  });

  it('lets members list keys but only admins create or revoke them', async () => {
    const member = await signUp(t.http, 'member');
    await addMember(t.http, owner, member, 'member');
    await t.http.get(keysPath).set(bearer(member.token)).expect(200);
    await t.http.post(keysPath).set(bearer(member.token)).send({ name: 'x' }).expect(403);
    const { id } = (await t.http.get(keysPath).set(bearer(owner.token))).body[0];
    await t.http.delete(`${keysPath}/${id}`).set(bearer(member.token)).expect(403);
  });

  it('names the missing field', async () => {
    const response = await t.http.post(keysPath).set(bearer(owner.token)).send({}).expect(400);
    expect(response.body.details.fields[0].field).toBe('name');
  });
});
