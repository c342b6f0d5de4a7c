import {
  bearer,
  createTestApp,
  createTestWorker,
  FAST_DELIVERY,
  ingestWorkspace,
  PrivateRedis,
  signUp,
  TestApp,
  TestSandbox,
  waitFor,
  withAdminClient, TestDatabase } from '@app/testing';


// A failure of ours or of a dependency is reported as a failure: never as a wrong password,
// a plausible zero, a job that fails forever, or plain text outside the log.
describe('errors are errors', () => {
  let sandbox: TestSandbox;
  let t: TestApp;
  let db: TestDatabase;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY });
    db = t.db;
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('answers 500 with a correlation id when the stored password hash cannot be verified, not 401', async () => {
    const user = await signUp(t.http, 'broken-hash');
    await db.query(`UPDATE users SET password_hash = 'imported-bcrypt-$2b$10$abc' WHERE id = $1`, [user.userId]);
    const response = await t.http.post('/v1/auth/login').send({ email: user.email, password: user.password }).expect(500);
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      details: { correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });

  it('marks a connector whose token no longer decrypts invalid, saying why, and holds its events', async () => {
    const ws = await ingestWorkspace(t.http, 'undecryptable', sandbox);
    const donor = await ingestWorkspace(t.http, 'donor', sandbox);
    // Sealed for another connector: authenticated encryption refuses it, as it would after a lost key.
    await db.query(
      `UPDATE connectors SET access_token_sealed = (SELECT access_token_sealed FROM connectors WHERE id = $2) WHERE id = $1`,
      [ws.connectorId, donor.connectorId],
    );
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: 'held-1' }).expect(202);

    const worker = await createTestWorker(t, FAST_DELIVERY);
    try {
      const connector = await waitFor(
        async () => (await t.http.get(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}`).set(bearer(ws.token)).expect(200)).body,
        (body: { status: string; statusReason: string }) => body.status === 'invalid',
      );
      expect(connector.statusReason).toMatch(/^The stored access token can no longer be decrypted \(authentication_failed\); enter the access token again/);
      const report = (await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;
      expect(report.checks.find((c: { name: string }) => c.name === 'connectors_valid')).toMatchObject({ status: 'fail' });
      expect(report.pending).toBe(1);
      // Invalid connectors are not swept: no job keeps failing on it.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await db.query(`SELECT count(*)::int AS n FROM delivery_logs WHERE connector_id = $1`, [ws.connectorId]))[0].n).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('reports Postgres unreachable as a failure in health and Prometheus, not as 0 pending', async () => {
    const own = await createTestApp();
    const database = new URL(own.databaseUrl).pathname.slice(1);
    try {
      expect((await own.http.get('/metrics').expect(200)).text).toMatch(/^tracklayer_pending_deliveries 0$/m);
      await withAdminClient(async (client) => {
        await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
        await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
      });
      const scrape = (await own.http.get('/metrics').expect(200)).text;
      expect(scrape).toMatch(/^tracklayer_pending_deliveries nan$/im);
      expect(scrape).toMatch(/^tracklayer_oldest_pending_delivery_seconds nan$/im);
      expect(scrape).toContain('tracklayer_dependency_up{dependency="postgres"} 0');
      expect(scrape).toContain('tracklayer_dependency_up{dependency="redis"} 1');
      const ready = await own.http.get('/health/ready').expect(503);
      expect(ready.body.checks.postgres).toMatch(/^error/);
    } finally {
      await withAdminClient((client) => client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`));
      await own.close();
    }
  });

  // That nothing is printed as plain text is checked on real processes, in test/chaos: inside
  // jest, socket errors come from another realm and ioredis's `instanceof Error` never prints them.
  it('reports a lost Redis as a failure in health and Prometheus', async () => {
    const redis = await PrivateRedis.start();
    const own = await createTestApp({ REDIS_URL: redis.url });
    try {
      await redis.kill();
      const ready = await waitFor(
        async () => own.http.get('/health/ready'),
        (response) => response.status === 503,
      );
      expect(ready.body.checks.redis).toMatch(/^error/);
      const scrape = (await own.http.get('/metrics').expect(200)).text;
      expect(scrape).toContain('tracklayer_dependency_up{dependency="redis"} 0');
      expect(scrape).toMatch(/^tracklayer_delivery_queue_jobs\{state="waiting"\} nan$/im);
      expect(scrape).toContain('tracklayer_dependency_up{dependency="postgres"} 1');
    } finally {
      // BullMQ's close waits for Redis; closing with it away would hang.
      await redis.restart();
      await own.close();
      await redis.kill();
    }
  });
});
