import { apiRoutes, bearer, createTestApp, SignedUpUser, signUp, TestApp } from '@app/testing';

// A user of workspace A must learn nothing about workspace B: every B-scoped route answers 404,
// exactly as for a workspace that does not exist.
describe('workspace isolation', () => {
  let t: TestApp;
  let a: SignedUpUser;
  let b: SignedUpUser;
  let bKeyId: string;
  let bKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    a = await signUp(t.http, 'tenant-a');
    b = await signUp(t.http, 'tenant-b');
    const key = await t.http.post(`/v1/workspaces/${b.workspaceId}/ingest-keys`).set(bearer(b.token)).send({ name: 'B site' }).expect(201);
    bKeyId = key.body.id;
    bKey = key.body.key;
  });
  afterAll(() => t.close());

  // Every route under :workspaceId, from the same walk as the permission snapshot: a route added
  // later is probed here without anyone listing it. Other ids in the path are B's real ones where
  // the test has them; the guard answers before any body is validated.
  const probes = (ws: string, ids: Record<string, string>): Array<{ method: string; path: string }> =>
    apiRoutes(t.app)
      .filter((route) => route.workspaceScoped)
      .map((route) => ({
        method: route.method.toLowerCase(),
        path: route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'workspaceId' ? ws : (ids[name] ?? '00000000-0000-4000-8000-000000000000'))),
      }));

  it('answers 404 on every method of every route of another workspace, and changes nothing there', async () => {
    const list = probes(b.workspaceId, { userId: b.userId, keyId: bKeyId });
    expect(list.length).toBeGreaterThanOrEqual(20);
    for (const { method, path } of list) {
      const response = await t.http[method as 'get'](path).set(bearer(a.token)).send({});
      expect({ method, path, status: response.status, body: response.body }).toEqual({
        method,
        path,
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'Workspace not found', details: { code: 'workspace_not_found' } },
      });
    }
    const keys = await t.http.get(`/v1/workspaces/${b.workspaceId}/ingest-keys`).set(bearer(b.token)).expect(200);
    expect(keys.body).toEqual([expect.objectContaining({ id: bKeyId, name: 'B site', revokedAt: null })]);
    const members = await t.http.get(`/v1/workspaces/${b.workspaceId}/members`).set(bearer(b.token)).expect(200);
    expect(members.body).toHaveLength(1);
    await t.http.get(`/v1/workspaces/${b.workspaceId}`).set(bearer(b.token)).expect(200);
  });

  it('answers 404 for a workspace that does not exist or a malformed id, the same way', async () => {
    await t.http.get('/v1/workspaces/00000000-0000-4000-8000-000000000000').set(bearer(a.token)).expect(404);
    await t.http.get('/v1/workspaces/not-a-uuid/members').set(bearer(a.token)).expect(404);
  });

  it("cannot revoke B's key through A's workspace path", async () => {
    await t.http.delete(`/v1/workspaces/${a.workspaceId}/ingest-keys/${bKeyId}`).set(bearer(a.token)).expect(404);
    const keys = await t.http.get(`/v1/workspaces/${b.workspaceId}/ingest-keys`).set(bearer(b.token)).expect(200);
    expect(keys.body[0].revokedAt).toBeNull();
  });

  it("sees none of B's events, and cannot replay through its own path", async () => {
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', bKey).send({ event: 'purchase', event_id: 'b-secret' }).expect(202);
    const mine = await t.http.get(`/v1/workspaces/${a.workspaceId}/events?eventId=b-secret`).set(bearer(a.token)).expect(200);
    expect(mine.body).toEqual([]);
    const theirs = await t.http.get(`/v1/workspaces/${b.workspaceId}/events?eventId=b-secret`).set(bearer(b.token)).expect(200);
    expect(theirs.body).toHaveLength(1);
    const logs = await t.http.get(`/v1/workspaces/${a.workspaceId}/delivery-logs`).set(bearer(a.token)).expect(200);
    expect(logs.body).toEqual([]);
  });

  it('does not list B in A\'s workspaces', async () => {
    const me = await t.http.get('/v1/me').set(bearer(a.token)).expect(200);
    expect(me.body.workspaces.map((w: { id: string }) => w.id)).toEqual([a.workspaceId]);
  });
});
