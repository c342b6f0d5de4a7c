import { bearer, createTestApp, SignedUpUser, signUp, TestApp } from '@app/testing';

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

  const routes = (ws: string, userId: string, keyId: string): Array<[string, string, object?]> => [
    ['get', `/v1/workspaces/${ws}`],
    ['patch', `/v1/workspaces/${ws}`, { name: 'hijacked' }],
    ['delete', `/v1/workspaces/${ws}`],
    ['get', `/v1/workspaces/${ws}/members`],
    ['post', `/v1/workspaces/${ws}/members`, { email: 'x@example.test', role: 'viewer' }],
    ['patch', `/v1/workspaces/${ws}/members/${userId}`, { role: 'viewer' }],
    ['delete', `/v1/workspaces/${ws}/members/${userId}`],
    ['get', `/v1/workspaces/${ws}/invitations`],
    ['post', `/v1/workspaces/${ws}/invitations`, { email: 'x@example.test', role: 'viewer' }],
    ['delete', `/v1/workspaces/${ws}/invitations/00000000-0000-4000-8000-000000000000`],
    ['get', `/v1/workspaces/${ws}/ingest-keys`],
    ['post', `/v1/workspaces/${ws}/ingest-keys`, { name: 'stolen' }],
    ['delete', `/v1/workspaces/${ws}/ingest-keys/${keyId}`],
    ['get', `/v1/workspaces/${ws}/connectors`],
    ['get', `/v1/workspaces/${ws}/events`],
    ['get', `/v1/workspaces/${ws}/delivery-logs`],
    ['post', `/v1/workspaces/${ws}/connectors/00000000-0000-4000-8000-000000000000/replay`, { from: '2026-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' }],
  ];

  it("answers 404 on every route of another workspace, and changes nothing there", async () => {
    for (const [method, path, body] of routes(b.workspaceId, b.userId, bKeyId)) {
      const agent = t.http[method as 'get'](path).set(bearer(a.token));
      const response = await (body ? agent.send(body) : agent);
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
