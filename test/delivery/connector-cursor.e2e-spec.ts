import { Client } from 'pg';
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
  waitFor,
} from '@app/testing';

// Ingest writes no delivery row: each connector's cursor over the events is read by the worker,
// which writes the rows (pending, then settled as ever). These prove that nothing is lost or sent
// twice on the way, whatever order concurrent ingest transactions commit in.
describe('delivery from the connector cursor', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let worker: TestWorker | undefined;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await sandbox.close();
  });

  const ingest = (ws: IngestWorkspace, batch: object[]) => api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ batch }).expect(202);
  const pixelOf = async (ws: IngestWorkspace) =>
    (await api.http.get(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}`).set(bearer(ws.token))).body.pixelCode as string;
  const rowsOf = async (ws: IngestWorkspace) =>
    (await api.db.query('SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = $1', [ws.workspaceId]))[0].n as number;

  it('ingest writes no delivery row; the worker writes it from the cursor and delivers each event once', async () => {
    const ws = await ingestWorkspace(api.http, 'cursor-basic', sandbox);
    await ingest(ws, Array.from({ length: 50 }, (_, i) => ({ event: 'purchase', event_id: `basic-${i}` })));
    // No worker yet: nothing but the events was written, and the debugger still says pending.
    expect(await rowsOf(ws)).toBe(0);
    const listed = (await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?limit=100`).set(bearer(ws.token)).expect(200)).body;
    expect(listed).toHaveLength(50);
    expect(new Set(listed.flatMap((event: { deliveries: Array<{ status: string }> }) => event.deliveries.map((d) => d.status)))).toEqual(new Set(['pending']));
    const pending = (await api.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;
    expect(pending.pending).toBe(50);

    worker = await createTestWorker(api, FAST_DELIVERY);
    const pixelCode = await pixelOf(ws);
    const received = await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.length >= 50);
    expect(new Set(received.map((event) => event.event_id)).size).toBe(50);
    const statuses = await waitFor(
      () => api.db.query('SELECT status, count(*)::int AS n FROM deliveries WHERE workspace_id = $1 GROUP BY status', [ws.workspaceId]),
      (rows) => rows.length === 1 && rows[0].status === 'delivered',
    );
    expect(statuses).toEqual([{ status: 'delivered', n: 50 }]);
  });

  it('delivers every event exactly once when a transaction that started first commits last, without waiting for it', async () => {
    worker ??= await createTestWorker(api, FAST_DELIVERY);
    const ws = await ingestWorkspace(api.http, 'cursor-slow', sandbox);
    const pixelCode = await pixelOf(ws);
    await ingest(ws, [{ event: 'purchase', event_id: 'seed' }]);
    await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.length === 1);

    // A slow writer: its event takes a transaction id below every one of the requests below,
    // and commits only after all of them are delivered.
    const slow = new Client({ connectionString: api.databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO events (id, workspace_id, event_id, event_name, event_time, payload)
         SELECT gen_random_uuid(), workspace_id, 'slow-1', event_name, event_time, jsonb_set(payload, '{eventId}', '"slow-1"')
           FROM events WHERE workspace_id = $1 AND event_id = 'seed'`,
        [ws.workspaceId],
      );
      await Promise.all(
        Array.from({ length: 20 }, (_, request) =>
          ingest(
            ws,
            Array.from({ length: 25 }, (_, i) => ({ event: 'purchase', event_id: `fast-${request}-${i}` })),
          ),
        ),
      );
      // The transaction still running below them holds none of them back.
      await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.length >= 501, 15_000);
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }

    // Committed behind the cursor, it is still found (by its transaction id) and delivered.
    await waitFor(() => sandbox.deliveredEvents(pixelCode), (events) => events.some((event) => event.event_id === 'slow-1'), 15_000);
    // A few more drains and sweeps: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const received = (await sandbox.deliveredEvents(pixelCode)).map((event) => event.event_id);
    expect(received).toHaveLength(502);
    expect(new Set(received).size).toBe(502);
    expect(await rowsOf(ws)).toBe(502);
  });
});
