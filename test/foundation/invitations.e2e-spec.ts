import { bearer, createTestApp, signUp, TestApp, uniqueEmail } from '@app/testing';

type Shape = string | { [key: string]: Shape };
// The structure of a JSON value: keys and value types, not values.
function shape(value: unknown): Shape {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value === null ? 'null' : typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]));
}

describe('members join by invitation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const invite = (token: string, workspaceId: string, email: string, role = 'member', path = 'members') =>
    t.http.post(`/v1/workspaces/${workspaceId}/${path}`).set(bearer(token)).send({ email, role });
  const accept = (token: string, invitationToken: string) => t.http.post(`/v1/invitations/${invitationToken}/accept`).set(bearer(token));

  it('answers adding a member the same whether or not the email has an account, and never caches the token', async () => {
    const owner = await signUp(t.http, 'inviter');
    const existing = await signUp(t.http, 'has-account');
    const known = await invite(owner.token, owner.workspaceId, existing.email).expect(201);
    const unknown = await invite(owner.token, owner.workspaceId, uniqueEmail('no-account')).expect(201);
    expect(shape(known.body)).toEqual(shape(unknown.body));
    expect(known.body).toEqual({
      invitation: {
        id: expect.any(String),
        email: existing.email,
        role: 'member',
        invitedBy: owner.userId,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        acceptedAt: null,
        revokedAt: null,
      },
      token: expect.stringMatching(/^tl_inv_/),
      acceptUrl: `/invite/${known.body.token}`,
    });
    for (const answer of [known, unknown]) expect(answer.headers['cache-control']).toBe('no-store');
    const viaInvitations = await invite(owner.token, owner.workspaceId, uniqueEmail('other'), 'viewer', 'invitations').expect(201);
    expect(shape(viaInvitations.body)).toEqual(shape(known.body));
    expect(viaInvitations.headers['cache-control']).toBe('no-store');
    // Nobody joined yet.
    expect((await t.http.get(`/v1/workspaces/${owner.workspaceId}/members`).set(bearer(owner.token)).expect(200)).body).toHaveLength(1);
  });

  it('lets the invited account accept once, with the role of the invitation', async () => {
    const owner = await signUp(t.http, 'owner');
    const grace = await signUp(t.http, 'grace');
    const { body } = await invite(owner.token, owner.workspaceId, grace.email, 'admin').expect(201);
    const accepted = await accept(grace.token, body.token).expect(200);
    expect(accepted.body).toEqual({ id: owner.workspaceId, name: expect.any(String), slug: expect.any(String), role: 'admin' });
    const members = await t.http.get(`/v1/workspaces/${owner.workspaceId}/members`).set(bearer(grace.token)).expect(200);
    expect(members.body.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [grace.email, 'admin'],
    ]);
    const again = await accept(grace.token, body.token).expect(404);
    expect(again.body.details.code).toBe('invitation_not_found');
    const list = await t.http.get(`/v1/workspaces/${owner.workspaceId}/invitations`).set(bearer(owner.token)).expect(200);
    expect(list.body[0]).toMatchObject({ id: body.invitation.id, acceptedAt: expect.any(String) });
    await invite(owner.token, owner.workspaceId, grace.email).expect(409);
  });

  it('refuses the token to an account with another email, and leaves the invitation open', async () => {
    const owner = await signUp(t.http, 'owner2');
    const invited = await signUp(t.http, 'invited');
    const intruder = await signUp(t.http, 'intruder');
    const { body } = await invite(owner.token, owner.workspaceId, invited.email).expect(201);
    const refused = await accept(intruder.token, body.token).expect(403);
    expect(refused.body.details.code).toBe('invitation_for_another_email');
    await t.http.get(`/v1/workspaces/${owner.workspaceId}`).set(bearer(intruder.token)).expect(404);
    await accept(invited.token, body.token).expect(200);
    await accept(invited.token, 'tl_inv_unknown').expect(404);
  });

  it('shows an invitation made before the signup to the new account, which can then accept it', async () => {
    const owner = await signUp(t.http, 'early');
    const email = uniqueEmail('later');
    const { body } = await invite(owner.token, owner.workspaceId, email, 'viewer').expect(201);
    const newcomer = await t.http.post('/v1/auth/signup').send({ email, password: 'violet harbor tunnel', workspaceName: 'Own shop' }).expect(201);
    const token = newcomer.body.accessToken;
    const mine = await t.http.get('/v1/me/invitations').set(bearer(token)).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: body.invitation.id, role: 'viewer', workspace: { id: owner.workspaceId, name: expect.any(String) } })]);
    expect(JSON.stringify(mine.body)).not.toContain(body.token);
    await accept(token, body.token).expect(200);
    expect((await t.http.get('/v1/me/invitations').set(bearer(token)).expect(200)).body).toEqual([]);
    // Someone else's list does not show it.
    expect((await t.http.get('/v1/me/invitations').set(bearer(owner.token)).expect(200)).body).toEqual([]);
  });

  it('stops a revoked, replaced or expired invitation', async () => {
    const owner = await signUp(t.http, 'revoker');
    const person = await signUp(t.http, 'person');
    const first = (await invite(owner.token, owner.workspaceId, person.email).expect(201)).body;
    const second = (await invite(owner.token, owner.workspaceId, person.email).expect(201)).body;
    await accept(person.token, first.token).expect(404);
    await t.http.delete(`/v1/workspaces/${owner.workspaceId}/invitations/${second.invitation.id}`).set(bearer(owner.token)).expect(204);
    await accept(person.token, second.token).expect(404);

    const third = (await invite(owner.token, owner.workspaceId, person.email).expect(201)).body;
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [third.invitation.id]);
    await accept(person.token, third.token).expect(404);
    await t.http.get(`/v1/workspaces/${owner.workspaceId}`).set(bearer(person.token)).expect(404);
  });

  it('keeps the role rules: admins invite below owner, viewers invite nobody', async () => {
    const owner = await signUp(t.http, 'rules-owner');
    const admin = await signUp(t.http, 'rules-admin');
    const viewer = await signUp(t.http, 'rules-viewer');
    await accept(admin.token, (await invite(owner.token, owner.workspaceId, admin.email, 'admin').expect(201)).body.token).expect(200);
    await accept(viewer.token, (await invite(owner.token, owner.workspaceId, viewer.email, 'viewer').expect(201)).body.token).expect(200);
    expect((await invite(admin.token, owner.workspaceId, uniqueEmail(), 'owner').expect(403)).body.details.code).toBe('role_too_low');
    await invite(viewer.token, owner.workspaceId, uniqueEmail(), 'viewer').expect(403);
    const ownerInvite = (await invite(owner.token, owner.workspaceId, uniqueEmail(), 'owner').expect(201)).body;
    await t.http.delete(`/v1/workspaces/${owner.workspaceId}/invitations/${ownerInvite.invitation.id}`).set(bearer(admin.token)).expect(403);
    await t.http.get(`/v1/workspaces/${owner.workspaceId}/invitations`).set(bearer(viewer.token)).expect(200);
  });

  it("never reaches another workspace's invitations", async () => {
    const a = await signUp(t.http, 'ws-a');
    const b = await signUp(t.http, 'ws-b');
    const theirs = (await invite(b.token, b.workspaceId, uniqueEmail()).expect(201)).body;
    await t.http.get(`/v1/workspaces/${b.workspaceId}/invitations`).set(bearer(a.token)).expect(404);
    await t.http.delete(`/v1/workspaces/${b.workspaceId}/invitations/${theirs.invitation.id}`).set(bearer(a.token)).expect(404);
    // Their invitation's id under my workspace is not found either, and stays open.
    await t.http.delete(`/v1/workspaces/${a.workspaceId}/invitations/${theirs.invitation.id}`).set(bearer(a.token)).expect(404);
    const list = await t.http.get(`/v1/workspaces/${b.workspaceId}/invitations`).set(bearer(b.token)).expect(200);
    expect(list.body[0]).toMatchObject({ id: theirs.invitation.id, revokedAt: null });
    expect((await t.http.get(`/v1/workspaces/${a.workspaceId}/invitations`).set(bearer(a.token)).expect(200)).body).toEqual([]);
  });
});
