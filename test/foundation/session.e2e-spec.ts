import { bearer, createTestApp, SignedUpUser, signUp, TestApp } from '@app/testing';

// The dashboard's cookie session: httpOnly SameSite=Strict cookie, CSRF token on every
// state-changing request, and Bearer clients exactly as before.
describe('dashboard session (cookie + CSRF)', () => {
  let t: TestApp;
  let user: SignedUpUser;

  beforeAll(async () => {
    t = await createTestApp({ JWT_EXPIRES_IN: '12h' });
    user = await signUp(t.http, 'session');
  });
  afterAll(() => t.close());

  const start = async () => {
    const response = await t.http.post('/v1/auth/session').send({ email: user.email, password: user.password }).expect(200);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const cookie = setCookie[0].split(';')[0];
    return { response, setCookie, cookie, csrfToken: response.body.csrfToken as string };
  };

  it('logs in into an httpOnly, SameSite=Strict cookie and gives the page only a CSRF token', async () => {
    const { response, setCookie } = await start();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^tl_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/v1; Max-Age=4319\d; HttpOnly; SameSite=Strict$/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      user: { id: user.userId, email: user.email },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toContain(setCookie[0].split(';')[0].slice('tl_session='.length));
  });

  it('refuses a wrong password, and a login that is not JSON (a cross-site form can post text/plain)', async () => {
    const wrong = await t.http.post('/v1/auth/session').send({ email: user.email, password: 'not the password' }).expect(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const form = await t.http
      .post('/v1/auth/session')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ email: user.email, password: user.password }))
      .expect(400);
    expect(form.body).toMatchObject({ statusCode: 400, details: { code: 'json_required' } });
    expect(form.headers['set-cookie']).toBeUndefined();
  });

  it('authenticates reads by the cookie alone and describes the session again after a reload', async () => {
    const { cookie, csrfToken } = await start();
    const me = await t.http.get('/v1/me').set('cookie', cookie).expect(200);
    expect(me.body.user.email).toBe(user.email);
    const again = await t.http.get('/v1/auth/session').set('cookie', cookie).expect(200);
    expect(again.body.csrfToken).toBe(csrfToken);
    expect(again.headers['cache-control']).toBe('no-store');
    await t.http.get('/v1/auth/session').set(bearer(user.token)).expect(400);
  });

  it('refuses a state-changing cookie request without the session CSRF token', async () => {
    const { cookie, csrfToken } = await start();
    const other = await start();
    const missing = await t.http.post('/v1/workspaces').set('cookie', cookie).send({ name: 'No token' }).expect(403);
    expect(missing.body).toMatchObject({ statusCode: 403, error: 'Forbidden', details: { code: 'csrf_token_invalid' } });
    expect(missing.body.message).toContain('X-CSRF-Token');
    // Another session's token does not fit this session.
    await t.http.post('/v1/workspaces').set('cookie', cookie).set('x-csrf-token', other.csrfToken).send({ name: 'Other' }).expect(403);
    await t.http.delete(`/v1/workspaces/${user.workspaceId}`).set('cookie', cookie).expect(403);
    const created = await t.http.post('/v1/workspaces').set('cookie', cookie).set('x-csrf-token', csrfToken).send({ name: 'With token' }).expect(201);
    expect(created.body.name).toBe('With token');
  });

  it('keeps Bearer clients unchanged: no CSRF token, and the header wins over a cookie', async () => {
    await t.http.post('/v1/workspaces').set(bearer(user.token)).send({ name: 'Bearer' }).expect(201);
    const { cookie } = await start();
    const stranger = await signUp(t.http, 'stranger');
    const me = await t.http.get('/v1/me').set(bearer(stranger.token)).set('cookie', cookie).expect(200);
    expect(me.body.user.email).toBe(stranger.email);
    await t.http.post('/v1/workspaces').set(bearer(stranger.token)).set('cookie', cookie).send({ name: 'Header wins' }).expect(201);
  });

  it('does not take a Bearer token (no session id) from the cookie, nor a forged cookie', async () => {
    await t.http.get('/v1/me').set('cookie', `tl_session=${user.token}`).expect(401);
    const { cookie } = await start();
    await t.http.get('/v1/me').set('cookie', `${cookie.slice(0, -3)}abc`).expect(401);
    await t.http.get('/v1/me').expect(401);
  });

  it('logs out by clearing the cookie, even without a valid session', async () => {
    const response = await t.http.delete('/v1/auth/session').expect(204);
    expect(response.headers['set-cookie']).toEqual(['tl_session=; Path=/v1; Max-Age=0; HttpOnly; SameSite=Strict']);
  });

  it('marks the cookie Secure when the request came over HTTPS (behind a trusted proxy)', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const someone = await signUp(proxied.http, 'https');
      const response = await proxied.http
        .post('/v1/auth/session')
        .set('x-forwarded-proto', 'https')
        .send({ email: someone.email, password: someone.password })
        .expect(200);
      expect(response.headers['set-cookie'][0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await proxied.close();
    }
  });
});
