import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { bearer, createPeerTestApp, createTestApp, ingestWorkspace, signUp, TestApp, uniqueEmail, TestDatabase } from '@app/testing';

const strongPassword = () => `pw-${randomBytes(8).toString('hex')}`;

describe('authentication edges', () => {
  let t: TestApp;
  let peer: TestApp;
  let db: TestDatabase;

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true', LOGIN_FAILURES_PER_ACCOUNT: '3', LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '30' });
    peer = await createPeerTestApp(t);
    db = t.db;
  });
  afterAll(async () => {
    await peer.close();
    await t.close();
  });

  // Each test signs in from an address of its own, so the per-IP throttle of one does not bite another.
  let nextAddress = 1;
  const address = () => `198.51.100.${nextAddress++}`;
  const login = (app: TestApp, email: string, password: string, ip: string) =>
    app.http.post('/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it("refuses a valid token of a deleted user with 401 on reads and writes alike", async () => {
    const user = await signUp(t.http, 'deleted');
    await t.http.get('/v1/me').set(bearer(user.token)).expect(200);
    await db.query('DELETE FROM users WHERE id = $1', [user.userId]);
    for (const request of [
      t.http.get('/v1/me'),
      t.http.get('/v1/workspaces'),
      t.http.get(`/v1/workspaces/${user.workspaceId}`),
      t.http.post('/v1/workspaces').send({ name: 'After deletion' }),
      t.http.post(`/v1/workspaces/${user.workspaceId}/ingest-keys`).send({ name: 'After deletion' }),
    ]) {
      const response = await request.set(bearer(user.token)).expect(401);
      expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'This account no longer exists', details: { code: 'invalid_token' } });
    }
  });

  it('stops a deleted workspace\'s ingest keys at once in another api process: 401 and evicted, never 500', async () => {
    const ws = await ingestWorkspace(t.http, 'doomed');
    const ingest = () => peer.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase' });
    await ingest().expect(202);
    await peer.http.get('/v1/ingest/verify').set(bearer(ws.ingestKey)).expect(200);
    await t.http.delete(`/v1/workspaces/${ws.workspaceId}`).set(bearer(ws.token)).expect(204);
    // The peer still has the key cached (for up to a second): its write finds the workspace gone.
    const refused = await ingest().expect(401);
    expect(refused.body.details.code).toBe('invalid_ingest_key');
    await peer.http.get('/v1/ingest/verify').set(bearer(ws.ingestKey)).expect(401);
  });

  it('throttles failed logins per account across api processes, for unknown emails exactly as for known ones', async () => {
    const user = await signUp(t.http, 'throttled');
    const ghost = uniqueEmail('ghost');
    for (const email of [user.email, ghost]) {
      await login(t, email, 'wrong-password-1', address()).expect(401);
      await login(peer, email, 'wrong-password-2', address()).expect(401);
      await login(t, email, 'wrong-password-3', address()).expect(401);
      const locked = await login(peer, email, email === user.email ? user.password : 'anything', address()).expect(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', details: { code: 'account_locked' } });
    }
  });

  it('throttles attempts per client address before hashing, across api processes', async () => {
    const user = await signUp(t.http, 'per-ip');
    const ip = address();
    for (let i = 0; i < 15; i++) await login(t, uniqueEmail('spray'), 'whatever-password', ip).expect(401);
    for (let i = 0; i < 15; i++) await login(peer, uniqueEmail('spray'), 'whatever-password', ip).expect(401);
    const limited = await login(t, user.email, user.password, ip).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body.details.code).toBe('too_many_attempts');
    await login(t, user.email, user.password, address()).expect(200);
  });

  it('does not make a real login wait behind 40 parallel logins from one address', async () => {
    const user = await signUp(t.http, 'real');
    const attacker = address();
    const answered = (response: { status: number }) => ({ status: response.status, at: process.hrtime.bigint() });
    const attack = Array.from({ length: 40 }, () => login(t, uniqueEmail('attack'), 'guess-guess-guess', attacker).then(answered));
    // The real login comes once the attack is in: its first hashed answer means the rest are queued.
    const firstHashed = await Promise.race(attack.map((answer) => answer.then((a) => (a.status === 401 ? a : new Promise<never>(() => undefined)))));
    const realSent = process.hrtime.bigint();
    const realAnswer = await login(t, user.email, user.password, address()).then(answered);
    const answers = await Promise.all(attack);
    expect(realAnswer.status).toBe(200);
    expect(firstHashed.at).toBeLessThan(realSent);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    // Beyond the address's 30 attempts a minute, refused before any hashing; of the 30, those that
    // find 4 already pending for the address are refused too (how many depends on timing).
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
    // Counted in hashes rather than milliseconds, so the machine's speed does not matter: while the
    // real login was answered (its throttle and account reads, its turn, its hash), about 10 of the
    // attacker's hashes finish; with one queue in arrival order it waits for all of them (27-29).
    const finishedMeanwhile = answers.filter((a) => a.status === 401 && a.at > realSent && a.at < realAnswer.at).length;
    expect(finishedMeanwhile).toBeLessThanOrEqual(16);
  });

  it('refuses common and guessable passwords at signup, naming the field, whether the email has an account or not', async () => {
    const existing = await signUp(t.http, 'existing');
    for (const email of [uniqueEmail('weak'), existing.email]) {
      for (const password of ['password1234', 'qwertyuiop123', 'iloveyou2024']) {
        const response = await t.http.post('/v1/auth/signup').send({ email, password, workspaceName: 'Shop' }).expect(400);
        expect(response.body.details).toMatchObject({ code: 'weak_password', fields: [{ field: 'password' }] });
        expect(response.body.message).toMatch(/^password is too common or too easy to guess/);
      }
    }
  });

  it('answers a signup with an existing email and its password like a new account, with a new workspace', async () => {
    const user = await signUp(t.http, 'again');
    const again = await t.http
      .post('/v1/auth/signup')
      .set('X-Forwarded-For', address())
      .send({ email: user.email, password: user.password, workspaceName: 'Second shop' })
      .expect(201);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(Object.keys(again.body).sort()).toEqual(['accessToken', 'user', 'workspace']);
    expect(again.body.user).toEqual({ id: user.userId, email: user.email });
    expect(again.body.workspace).toMatchObject({ name: 'Second shop', role: 'owner' });
    expect(again.body.workspace.id).not.toBe(user.workspaceId);
    const me = await t.http.get('/v1/me').set(bearer(again.body.accessToken)).expect(200);
    expect(me.body.workspaces).toHaveLength(2);
  });

  it('counts a signup with an existing email and a wrong password as a failed login of that account', async () => {
    const user = await signUp(t.http, 'guessed');
    for (let i = 0; i < 3; i++) {
      await t.http.post('/v1/auth/signup').set('X-Forwarded-For', address()).send({ email: user.email, password: strongPassword(), workspaceName: 'X' }).expect(409);
    }
    await login(t, user.email, user.password, address()).expect(429);
  });

  it('answers an argon2 failure with a 500 and a correlation id, never "wrong password"', async () => {
    const user = await signUp(t.http, 'corrupt');
    await db.query(`UPDATE users SET password_hash = '$argon2id$v=19$m=19456,t=2,p=1$not-a-hash' WHERE id = $1`, [user.userId]);
    const response = await login(t, user.email, user.password, address()).expect(500);
    expect(response.body).toMatchObject({ statusCode: 500, message: 'Internal server error', details: { correlationId: expect.any(String) } });
  });

  it('upgrades a hash made with older parameters at the next login', async () => {
    const user = await signUp(t.http, 'rehash');
    await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [await argon2.hash(user.password, { type: argon2.argon2id }), user.userId]);
    await login(t, user.email, user.password, address()).expect(200);
    const [{ password_hash: hash }] = await db.query('SELECT password_hash FROM users WHERE id = $1', [user.userId]);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await login(t, user.email, user.password, address()).expect(200);
  });
});
