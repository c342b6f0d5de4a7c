import { bearer, createTestApp, signUp, TestApp, uniqueEmail } from '@app/testing';

describe('auth (signup, login, me)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs up, logs in and answers /v1/me with the new workspace as owner', async () => {
    const email = uniqueEmail('ada');
    const signup = await t.http
      .post('/v1/auth/signup')
      .send({ email: `  ${email.toUpperCase()} `, password: 'correct horse battery', workspaceName: 'Acme Shop' })
      .expect(201);
    expect(signup.body).toEqual({
      accessToken: expect.any(String),
      user: { id: expect.any(String), email },
      workspace: { id: expect.any(String), name: 'Acme Shop', slug: expect.stringMatching(/^acme-shop/), role: 'owner' },
    });

    const login = await t.http.post('/v1/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
    expect(login.body).toEqual({ accessToken: expect.any(String) });

    const me = await t.http.get('/v1/me').set(bearer(login.body.accessToken)).expect(200);
    expect(me.body).toEqual({
      user: { id: signup.body.user.id, email },
      workspaces: [signup.body.workspace],
    });
  });

  it('answers a wrong password with 401 in the error shape', async () => {
    const user = await signUp(t.http, 'wrongpw');
    const response = await t.http.post('/v1/auth/login').send({ email: user.email, password: 'not-the-password' }).expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Wrong email or password',
      details: { code: 'invalid_credentials' },
    });
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const response = await t.http.post('/v1/auth/login').send({ email: uniqueEmail('ghost'), password: 'whatever-123' }).expect(401);
    expect(response.body.message).toBe('Wrong email or password');
  });

  it('names the missing field with 400', async () => {
    const response = await t.http.post('/v1/auth/signup').send({ email: uniqueEmail(), password: 'long enough pw' }).expect(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.error).toBe('Bad Request');
    expect(response.body.message).toContain('workspaceName');
    expect(response.body.details.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'workspaceName' })]),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names each bad field at once', async () => {
    const response = await t.http.post('/v1/auth/signup').send({ email: 'not-an-email', password: 'short', workspaceName: 'X' }).expect(400);
    const fields = response.body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    expect(response.body.message).toContain('password must be at least 10 characters long');
  });

  it('refuses a second account with the same email (409)', async () => {
    const user = await signUp(t.http, 'dup');
    const response = await t.http
      .post('/v1/auth/signup')
      .send({ email: user.email, password: 'another password', workspaceName: 'Other' })
      .expect(409);
    expect(response.body.details).toMatchObject({ code: 'email_taken', field: 'email' });
  });

  it('stores an argon2id hash, never the password', async () => {
    const user = await signUp(t.http, 'hash');
    const rows = await t.db.query('SELECT password_hash FROM users WHERE email = $1', [user.email]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(user.password);
  });

  it('rejects missing, forged and expired tokens with 401', async () => {
    expect((await t.http.get('/v1/me').expect(401)).body.message).toContain('Missing access token');
    await t.http.get('/v1/me').set(bearer('not.a.jwt')).expect(401);

    const expiring = await createTestApp({ JWT_EXPIRES_IN: '1' });
    try {
      const user = await signUp(expiring.http, 'expiring');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const response = await expiring.http.get('/v1/me').set(bearer(user.token)).expect(401);
      expect(response.body.details.code).toBe('token_expired');
    } finally {
      await expiring.close();
    }
  });
});
