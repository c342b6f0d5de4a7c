import { TikTokPlatform } from '@app/tiktok';
import {
  bearer,
  createTestApp,
  createTestWorker,
  FAST_DELIVERY,
  IngestWorkspace,
  ingestWorkspace,
  TestApp,
  TestSandbox,
  TestWorker,
  waitFor, TestDatabase } from '@app/testing';

const FAST = { ...FAST_DELIVERY, DELIVERY_PARALLEL_PER_CONNECTOR: '1' };
const SLOW_MS = 3000;

// A worker whose claim loses its database connection while TikTok holds the request: what the
// request did is unknown, and the record must say so. (test/chaos does the same with kill -9.)
describe('an attempt whose worker lost its claim mid-request', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let db: TestDatabase;
  const workers: TestWorker[] = [];

  beforeAll(async () => {
    sandbox = await TestSandbox.start({ slowMs: SLOW_MS });
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST });
    db = api.db;
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await api.close();
    await sandbox.close();
  });

  const logsOf = async (ws: IngestWorkspace) =>
    (
      await api.http.get(`/v1/workspaces/${ws.workspaceId}/delivery-logs?connectorId=${ws.connectorId}`).set(bearer(ws.token)).expect(200)
    ).body as Array<{ attempt: number; outcome: string; events: number; resentEvents: number; createdAt: string }>;

  // The worker's claim transaction waits, idle, for TikTok's answer; cut its connection then.
  async function terminateClaimInFlight(): Promise<void> {
    const [claim] = await waitFor(
      () =>
        db.query(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'idle in transaction' AND application_name LIKE 'tracklayer-worker-%'
              AND state_change < now() - interval '200 milliseconds'`,
        ) as Promise<Array<{ pid: number }>>,
      (rows) => rows.length === 1,
    );
    await db.query('SELECT pg_terminate_backend($1)', [claim.pid]);
  }

  async function ingestAndCatchTheFirstRequest(label: string): Promise<{ ws: IngestWorkspace; pixelCode: string; cutAt: number }> {
    const ws = await ingestWorkspace(api.http, label, sandbox);
    const pixelCode = ws.pixel?.pixelCode as string;
    await sandbox.clearLog(pixelCode);
    await api.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({ batch: Array.from({ length: 100 }, (_, i) => ({ event: 'purchase', event_id: `${label}-${i}` })) })
      .expect(202);
    await sandbox.fault('slow', 1, pixelCode);
    await waitFor(() => sandbox.requests(pixelCode), (requests) => requests.some((r) => r.fault === 'slow'));
    await terminateClaimInFlight();
    return { ws, pixelCode, cutAt: Date.now() };
  }

  it('resends the batch with the same event_ids as attempt 2, and every request is on the record', async () => {
    workers.push(await createTestWorker(api, FAST));
    const { ws, pixelCode, cutAt } = await ingestAndCatchTheFirstRequest('doubt');

    // The slow request stored its events at the sandbox before the claim was cut: TikTok has them.
    const received = await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.length >= 200);
    const resentAt = Date.parse((await sandbox.requests(pixelCode))[1].receivedAt);
    expect(resentAt - cutAt).toBeLessThan(SLOW_MS);
    const copies = new Map<string, number>();
    for (const event of received) copies.set(event.event_id, (copies.get(event.event_id) ?? 0) + 1);
    expect(copies.size).toBe(100);
    expect([...copies.values()].every((n) => n === 2)).toBe(true);

    const logs = await waitFor(() => logsOf(ws), (rows) => rows.some((r) => r.outcome === 'delivered'));
    expect(logs.map(({ attempt, outcome, events, resentEvents }) => ({ attempt, outcome, events, resentEvents })).reverse()).toEqual([
      { attempt: 1, outcome: 'in_doubt', events: 100, resentEvents: 0 },
      { attempt: 2, outcome: 'delivered', events: 100, resentEvents: 100 },
    ]);
    const rows: Array<{ status: string; attempts: number; n: number }> = await db.query(
      'SELECT status, attempts, count(*)::int AS n FROM deliveries WHERE workspace_id = $1 GROUP BY 1, 2',
      [ws.workspaceId],
    );
    expect(rows).toEqual([{ status: 'delivered', attempts: 2, n: 100 }]);

    // What TrackLayer says it sent is what the sandbox received, request for request.
    const requests = await sandbox.requests(pixelCode);
    const report = (await api.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;
    expect(report).toMatchObject({ requestsSent: requests.length, eventsSent: 200, eventsResent: 100, delivered: 100 });
    expect(requests.reduce((sum, r) => sum + r.eventCount, 0)).toBe(200);
  });

  it('parks the events instead when the platform declares that a resend would count twice', async () => {
    const platform = workers[0].context.get(TikTokPlatform);
    const declared = platform.inDoubt;
    Object.assign(platform, { inDoubt: { kind: 'hold' } });
    try {
      const { ws, pixelCode } = await ingestAndCatchTheFirstRequest('held');
      const statuses = await waitFor(
        () => db.query('SELECT status, count(*)::int AS n FROM deliveries WHERE workspace_id = $1 GROUP BY 1', [ws.workspaceId]),
        (rows: Array<{ status: string }>) => rows.length === 1 && rows[0].status === 'in_doubt',
      );
      expect(statuses).toEqual([{ status: 'in_doubt', n: 100 }]);
      expect((await logsOf(ws)).map((r) => r.outcome)).toEqual(['in_doubt']);
      expect(await sandbox.requests(pixelCode)).toHaveLength(1);
      const report = (await api.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;
      expect(report).toMatchObject({ requestsSent: 1, eventsSent: 100, eventsResent: 0, inDoubt: 100, delivered: 0 });

      // A person decides: a replay sends them again.
      Object.assign(platform, { inDoubt: declared });
      const now = Date.now();
      await api.http
        .post(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}/replay`)
        .set(bearer(ws.token))
        .send({ from: new Date(now - 60_000).toISOString(), to: new Date(now + 60_000).toISOString(), status: ['in_doubt'] })
        .expect(202);
      await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.length >= 200);
      expect((await logsOf(ws)).map((r) => [r.attempt, r.outcome])).toEqual([
        [1, 'delivered'],
        [1, 'in_doubt'],
      ]);
    } finally {
      Object.assign(platform, { inDoubt: declared });
    }
  });
});
