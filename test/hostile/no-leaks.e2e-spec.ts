import fs from 'node:fs';
import { bearer, createTestApp, ingestWorkspace, signUp, TestApp, uniqueEmail } from '@app/testing';

// pino writes log lines to process.stdout when something (jest) wrapped it, else to file
// descriptor 1 with fs.write/fs.writeSync (sonic-boom). This keeps what this process writes
// either way, instead of printing it, so the test reads the real log lines.
function captureStdoutLines(): { text: () => string; restore: () => void } {
  let captured = '';
  const keep = (data: unknown) => (captured += Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown, ...rest: unknown[]) => {
    keep(data);
    const callback = rest[rest.length - 1];
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  });
  const write = jest.spyOn(fs, 'write') as unknown as jest.SpyInstance;
  const writeSync = jest.spyOn(fs, 'writeSync') as unknown as jest.SpyInstance;
  const realWrite = write.getMockImplementation() ?? (jest.requireActual('node:fs') as typeof fs).write;
  const realWriteSync = (jest.requireActual('node:fs') as typeof fs).writeSync;
  write.mockImplementation((...args: unknown[]) => {
    if (args[0] !== 1) return (realWrite as (...a: unknown[]) => void)(...args);
    keep(args[1]);
    const callback = args[args.length - 1];
    const bytes = Buffer.byteLength(args[1] as string);
    if (typeof callback === 'function') process.nextTick(() => callback(null, bytes));
  });
  writeSync.mockImplementation((...args: unknown[]) => {
    if (args[0] !== 1) return (realWriteSync as (...a: unknown[]) => number)(...args);
    keep(args[1]);
    return Buffer.byteLength(args[1] as string);
  });
  return {
    text: () => captured,
    restore: () => {
      stdout.mockRestore();
      write.mockRestore();
      writeSync.mockRestore();
    },
  };
}

describe('nothing leaks: log redaction', () => {
  let t: TestApp;
  let logs: ReturnType<typeof captureStdoutLines>;

  beforeAll(async () => {
    logs = captureStdoutLines();
    t = await createTestApp({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await t.close();
    logs.restore();
  });

  it('keeps ingest keys and invitation tokens out of access lines, however the URL spells them', async () => {
    const ws = await ingestWorkspace(t.http, 'redaction');
    const secret = ws.ingestKey;
    await t.http.post(`/v1/ingest?key=${secret}`).send({ event: 'purchase' }).expect(202);
    await t.http.post(`/v1/ingest?%6Bey=${secret}`).set('X-TrackLayer-Key', secret).send({ event: 'purchase' }).expect(202);
    await t.http.get(`/v1/ingest/verify?KEY=${secret}`).set('X-TrackLayer-Key', secret).expect(200);
    const invitation = (
      await t.http.post(`/v1/workspaces/${ws.workspaceId}/members`).set(bearer(ws.token)).send({ email: uniqueEmail(), role: 'viewer' }).expect(201)
    ).body;
    await t.http
      .post(`/v1/invitations/${invitation.token}/accept`)
      .set(bearer(ws.token))
      .set('Referer', `https://dashboard.example/invite/${invitation.token}`)
      .expect(403);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const text = logs.text();
    expect(text).toContain('/v1/ingest?%6Bey=[Redacted]');
    expect(text).toContain('/v1/invitations/[Redacted]/accept');
    expect(text).toContain('https://dashboard.example/invite/[Redacted]');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(8));
    expect(text).not.toContain(invitation.token);
    expect(text).not.toContain(ws.token);
  });
});

describe('nothing leaks: caching and error shapes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('sends Cache-Control: no-store with every answer that carries a new key or token', async () => {
    const email = uniqueEmail('no-store');
    const password = 'violet harbor tunnel';
    const signup = await t.http.post('/v1/auth/signup').send({ email, password, workspaceName: 'Shop' }).expect(201);
    const login = await t.http.post('/v1/auth/login').send({ email, password }).expect(200);
    const workspace = signup.body.workspace.id;
    const key = await t.http.post(`/v1/workspaces/${workspace}/ingest-keys`).set(bearer(login.body.accessToken)).send({ name: 'k' }).expect(201);
    const member = await t.http
      .post(`/v1/workspaces/${workspace}/members`)
      .set(bearer(login.body.accessToken))
      .send({ email: uniqueEmail(), role: 'viewer' })
      .expect(201);
    const invitation = await t.http
      .post(`/v1/workspaces/${workspace}/invitations`)
      .set(bearer(login.body.accessToken))
      .send({ email: uniqueEmail(), role: 'viewer' })
      .expect(201);
    for (const answer of [signup, login, key, member, invitation]) expect(answer.headers['cache-control']).toBe('no-store');
    const list = await t.http.get(`/v1/workspaces/${workspace}/ingest-keys`).set(bearer(login.body.accessToken)).expect(200);
    expect(list.headers['cache-control']).toBeUndefined();
  });

  it('answers what Fastify itself refuses in the one error shape', async () => {
    const user = await signUp(t.http, 'shapes');
    const cases: Array<[string, () => Promise<{ status: number; body: Record<string, unknown> }>, number]> = [
      ['a path segment over 100 characters', () => t.http.get(`/v1/workspaces/${'a'.repeat(200)}`).set(bearer(user.token)), 414],
      ['a malformed percent-encoding', () => t.http.get('/v1/workspaces/%E0%A4%A').set(bearer(user.token)), 400],
      ['invalid JSON', () => t.http.post('/v1/auth/login').set('content-type', 'application/json').send('{"email":'), 400],
      ['an empty JSON body', () => t.http.post('/v1/auth/login').set('content-type', 'application/json').send(''), 400],
      ['an unsupported content type', () => t.http.post('/v1/auth/login').set('content-type', 'application/xml').send('<a/>'), 415],
      ['a body over the limit', () => t.http.post('/v1/auth/login').set('content-type', 'application/json').send(JSON.stringify({ p: 'x'.repeat(5000) })), 413],
      ['a NUL in the query string', () => t.http.get(`/v1/workspaces/${user.workspaceId}/events?eventId=%00`).set(bearer(user.token)), 400],
      ['an unknown route', () => t.http.get('/v1/nowhere'), 404],
    ];
    for (const [label, send, status] of cases) {
      const response = await send();
      expect({ label, status: response.status }).toEqual({ label, status });
      expect({ label, keys: Object.keys(response.body).filter((k) => !['statusCode', 'error', 'message', 'details'].includes(k)) }).toEqual({ label, keys: [] });
      expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
      expect(JSON.stringify(response.body)).not.toMatch(/FST_ERR|node_modules|aaaaaaaaaa/);
    }
  });
});
