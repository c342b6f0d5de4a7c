import { PrometheusMetrics } from '@app/metrics';
import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, waitFor, withAdminClient, TestDatabase } from '@app/testing';

// Postgres refuses what the edge did not foresee. To have such an event on demand, this test's own
// database gets a trigger that refuses events by name, the way Postgres refuses a bad value
// (a data exception) or runs out of disk (an outage). Nothing is mocked: the transaction fails in
// Postgres exactly as it would with an unforeseen value.
const REFUSING_TRIGGER = `
  CREATE FUNCTION tl_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.event_name = 'poison' THEN RAISE EXCEPTION 'refused value' USING ERRCODE = '22023'; END IF;
    IF NEW.event_name = 'disk_full' THEN RAISE EXCEPTION 'no space left' USING ERRCODE = '53100'; END IF;
    IF NEW.event_name = 'slow' THEN PERFORM pg_sleep(5); END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER tl_test_refuse BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION tl_test_refuse();`;

describe('one failure never fails another (group commit isolation)', () => {
  let t: TestApp;
  let db: TestDatabase;
  let prometheus: PrometheusMetrics;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.db;
    prometheus = t.app.get(PrometheusMetrics);
    await db.query(REFUSING_TRIGGER);
  });
  afterAll(() => t.close());

  const send = (ws: IngestWorkspace, body: unknown) => t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body as object);
  const retries = async () => {
    const values = (await prometheus.ingestWriteRetries.get()).values;
    return Object.fromEntries(values.map((v) => [v.labels.mode, v.value])) as { alone?: number; split?: number };
  };
  const storedEvents = async (ws: IngestWorkspace) =>
    (await db.query('SELECT event_id FROM events WHERE workspace_id = $1', [ws.workspaceId])).map((r: { event_id: string }) => r.event_id).sort();
  const metrics = async (ws: IngestWorkspace) =>
    (await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;

  it('commits every good request sent alongside one with an unstorable event, and that request minus the event', async () => {
    const ws = await ingestWorkspace(t.http, 'isolation');
    const before = await retries();
    const good = Array.from({ length: 59 }, (_, i) => send(ws, { event: 'page_view', event_id: `good-${i}` }));
    const mixed = send(ws, {
      batch: [
        { event: 'purchase', event_id: 'mixed-1' },
        { event: 'poison', event_id: 'mixed-2' },
        { event: 'purchase', event_id: 'mixed-3' },
        { event_id: 'mixed-4' },
        { event: 'purchase', event_id: 'mixed-5' },
      ],
    });
    const answers = await Promise.all([...good, mixed]);

    for (const answer of answers.slice(0, 59)) expect(answer.status).toBe(202);
    const split = answers[59];
    expect(split.status).toBe(202);
    expect(split.body).toMatchObject({ accepted: 3, duplicates: 0, rejected: 2 });
    expect(split.body.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual([
      'accepted',
      'unstorable',
      'accepted',
      'missing_event',
      'accepted',
    ]);
    expect(split.body.results[1].errors).toEqual([{ field: '$', message: expect.stringContaining('could not be stored') }]);

    const expected = [...Array.from({ length: 59 }, (_, i) => `good-${i}`), 'mixed-1', 'mixed-3', 'mixed-5'].sort();
    expect(await storedEvents(ws)).toEqual(expected);
    const after = await retries();
    expect((after.split ?? 0) - (before.split ?? 0)).toBeGreaterThan(0);

    // Counted once each: 62 accepted, the unstorable and the nameless event rejected, nothing twice.
    const report = await waitFor(() => metrics(ws), (r) => r.received === 64);
    expect(report).toMatchObject({ received: 64, accepted: 62, duplicates: 0, rejected: 2 });
    expect(report.rejectionReasons).toEqual(
      expect.arrayContaining([
        { reason: 'unstorable', count: 1 },
        { reason: 'missing_event', count: 1 },
      ]),
    );
  });

  it('rejects only the unstorable events of a large batch and keeps the request to a bounded number of transactions', async () => {
    const ws = await ingestWorkspace(t.http, 'isolation-batch');
    const before = await retries();
    const batch = Array.from({ length: 500 }, (_, i) => ({ event: i === 137 || i === 401 ? 'poison' : 'purchase', event_id: `b-${i}` }));
    const response = await send(ws, { batch }).expect(202);
    expect(response.body).toMatchObject({ accepted: 498, rejected: 2 });
    expect(response.body.results[137]).toMatchObject({ status: 'rejected', reason: 'unstorable' });
    expect(response.body.results[401]).toMatchObject({ status: 'rejected', reason: 'unstorable' });
    expect((await storedEvents(ws)).length).toBe(498);
    const used = ((await retries()).split ?? 0) - (before.split ?? 0);
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(32);
  });

  it('answers every request of a transaction that met an outage with 503 and Retry-After, without retrying or splitting', async () => {
    const ws = await ingestWorkspace(t.http, 'isolation-outage');
    const before = await retries();
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => send(ws, { event: 'page_view', event_id: `o-${i}` })),
      send(ws, { batch: [{ event: 'purchase', event_id: 'o-full-1' }, { event: 'disk_full', event_id: 'o-full-2' }] }),
    ]);
    const refused = answers[30];
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', details: { code: 'storage_unavailable' } });
    expect(answers.every((a) => a.status === 202 || a.status === 503)).toBe(true);
    expect(await retries()).toEqual(before);

    // What was answered 202 is stored, what was answered 503 is not, and the counters agree.
    const acceptedIds = answers.filter((a) => a.status === 202).map((a) => a.body.results[0].eventId).sort();
    expect(await storedEvents(ws)).toEqual(acceptedIds);
    const report = await waitFor(() => metrics(ws), (r) => r.accepted === acceptedIds.length);
    expect(report.received).toBe(acceptedIds.length);
  });

  it('answers 503 with Retry-After while Postgres refuses connections, and recovers when it is back', async () => {
    const ws = await ingestWorkspace(t.http, 'isolation-down');
    await send(ws, { event: 'page_view', event_id: 'before-outage' }).expect(202);
    const database = new URL(t.databaseUrl).pathname.slice(1);
    const before = await retries();
    await withAdminClient(async (client) => {
      await client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    });
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => send(ws, { event: 'page_view', event_id: `down-${i}` })));
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.headers['retry-after']).toBe('5');
        expect(Object.keys(answer.body).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
      }
      expect(await retries()).toEqual(before);
    } finally {
      await withAdminClient((client) => client.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`));
    }
    await waitFor(
      () => send(ws, { event: 'page_view', event_id: 'after-outage' }),
      (answer) => answer.status === 202,
    );
    expect(await storedEvents(ws)).toEqual(['after-outage', 'before-outage']);
  });

  it('survives its connection dying in the middle of a transaction: 503, and the next request is written', async () => {
    const ws = await ingestWorkspace(t.http, 'isolation-killed');
    const database = new URL(t.databaseUrl).pathname.slice(1);
    // supertest sends on then(); start it now, answer later.
    const pending = send(ws, { event: 'slow', event_id: 'killed-1' }).then((response) => response);
    const sleeping = await waitFor(
      () => withAdminClient(async (client) => (await client.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'`, [database])).rows),
      (rows) => rows.length > 0,
      10_000,
    );
    await withAdminClient((client) => client.query('SELECT pg_terminate_backend($1)', [sleeping[0].pid]));
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    await send(ws, { event: 'page_view', event_id: 'killed-2' }).expect(202);
    expect(await storedEvents(ws)).toEqual(['killed-2']);
  });
});
