import { addMember, bearer, createTestApp, signUp, TestApp } from '@app/testing';

describe('workspaces and members', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, lists, renames and deletes workspaces; the creator is owner', async () => {
    const ada = await signUp(t.http, 'ada');
    const created = await t.http.post('/v1/workspaces').set(bearer(ada.token)).send({ name: 'Second Shop' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Second Shop', slug: expect.stringMatching(/^second-shop/), role: 'owner' });

    const list = await t.http.get('/v1/workspaces').set(bearer(ada.token)).expect(200);
    expect(list.body.map((w: { id: string }) => w.id)).toEqual([ada.workspaceId, created.body.id]);

    const renamed = await t.http
      .patch(`/v1/workspaces/${created.body.id}`)
      .set(bearer(ada.token))
      .send({ name: 'Renamed', slug: `renamed-${Date.now()}` })
      .expect(200);
    expect(renamed.body.name).toBe('Renamed');

    await t.http.delete(`/v1/workspaces/${created.body.id}`).set(bearer(ada.token)).expect(204);
    await t.http.get(`/v1/workspaces/${created.body.id}`).set(bearer(ada.token)).expect(404);
  });

  it('gives two workspaces with the same name different slugs, and a taken slug 409', async () => {
    const ada = await signUp(t.http, 'slugs');
    const a = await t.http.post('/v1/workspaces').set(bearer(ada.token)).send({ name: 'Same Name' }).expect(201);
    const b = await t.http.post('/v1/workspaces').set(bearer(ada.token)).send({ name: 'Same Name' }).expect(201);
    expect(a.body.slug).not.toBe(b.body.slug);
    const clash = await t.http.patch(`/v1/workspaces/${b.body.id}`).set(bearer(ada.token)).send({ slug: a.body.slug }).expect(409);
    expect(clash.body.details).toMatchObject({ code: 'slug_taken', field: 'slug' });
  });

  it('adds members (by invitation) with roles and enforces who may do what', async () => {
    const owner = await signUp(t.http, 'owner');
    const admin = await signUp(t.http, 'admin');
    const viewer = await signUp(t.http, 'viewer');
    const ws = `/v1/workspaces/${owner.workspaceId}`;

    await addMember(t.http, owner, admin, 'admin');
    await addMember(t.http, admin, viewer, 'viewer', owner.workspaceId);

    const members = await t.http.get(`${ws}/members`).set(bearer(viewer.token)).expect(200);
    expect(members.body.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [admin.email, 'admin'],
      [viewer.email, 'viewer'],
    ]);

    // A viewer reads but does not change; an admin cannot touch or create owners.
    const denied = await t.http.post(`${ws}/members`).set(bearer(viewer.token)).send({ email: admin.email, role: 'member' }).expect(403);
    expect(denied.body.details).toMatchObject({ code: 'role_too_low', requiredRole: 'admin', role: 'viewer' });
    await t.http.patch(ws).set(bearer(viewer.token)).send({ name: 'nope' }).expect(403);
    await t.http.patch(`${ws}/members/${owner.userId}`).set(bearer(admin.token)).send({ role: 'member' }).expect(403);
    await t.http.patch(`${ws}/members/${viewer.userId}`).set(bearer(admin.token)).send({ role: 'owner' }).expect(403);
    await t.http.delete(ws).set(bearer(admin.token)).expect(403);

    const promoted = await t.http.patch(`${ws}/members/${viewer.userId}`).set(bearer(admin.token)).send({ role: 'member' }).expect(200);
    expect(promoted.body).toMatchObject({ userId: viewer.userId, role: 'member' });

    const badRole = await t.http.post(`${ws}/members`).set(bearer(owner.token)).send({ email: viewer.email, role: 'god' }).expect(400);
    expect(badRole.body.details.fields[0]).toEqual({ field: 'role', message: 'role must be one of owner, admin, member, viewer' });
    await t.http.post(`${ws}/members`).set(bearer(owner.token)).send({ email: viewer.email, role: 'viewer' }).expect(409);
    // Someone without an account yet is invited like anyone else.
    await t.http.post(`${ws}/members`).set(bearer(owner.token)).send({ email: 'nobody@example.test', role: 'viewer' }).expect(201);

    // Members may leave on their own.
    await t.http.delete(`${ws}/members/${viewer.userId}`).set(bearer(viewer.token)).expect(204);
    await t.http.get(ws).set(bearer(viewer.token)).expect(404);
  });

  it('never leaves a workspace without an owner', async () => {
    const owner = await signUp(t.http, 'lastowner');
    const ws = `/v1/workspaces/${owner.workspaceId}`;
    const demote = await t.http.patch(`${ws}/members/${owner.userId}`).set(bearer(owner.token)).send({ role: 'admin' }).expect(409);
    expect(demote.body.details.code).toBe('last_owner');
    await t.http.delete(`${ws}/members/${owner.userId}`).set(bearer(owner.token)).expect(409);
  });
});
