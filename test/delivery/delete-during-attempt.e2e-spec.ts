import { createTestApp, createTestWorker, FAST_DELIVERY, IngestWorkspace, ingestWorkspace, materializeDeliveries, TestApp, TestSandbox, TestWorker, waitFor } from '@app/testing';

// Deleting a workspace (or a connector) while a worker has claimed its deliveries: the delete
// locks the workspace row, then its cascade waits on the claimed rows; the worker, holding them,
// opens the attempt's record in a second transaction whose foreign key waits on that workspace
// row. Postgres sees no cycle (the claim waits in the worker, not on a lock), so without a bound
// on the attempt's lock wait both would wait forever. Here the test's transaction plays the
// delete in two steps, so the order is certain: the event's row is written before the workspace
// row is locked (ingest and the cursor's insert check that row too), and the worker starts after.
describe('a delete during a delivery attempt', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let worker: TestWorker | undefined;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY });
    ws = await ingestWorkspace(api.http, 'delete-during-attempt', sandbox);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await sandbox.close();
  });

  const attemptsWaitingOnALock = async () =>
    (
      await api.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO delivery_logs%'`,
      )
    )[0].n as number;

  it('never waits forever: the attempt gives up, the claim rolls back unsent, and the delete goes on', async () => {
    await api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: 'mid-delete' }).expect(202);
    expect(await materializeDeliveries(api, ws, 10)).toMatchObject({ added: 1 });
    const outcome = await api.db.rolledBack(async (query) => {
      await query(`SET LOCAL statement_timeout = '15s'`);
      await query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [ws.workspaceId]);
      worker = await createTestWorker(api, FAST_DELIVERY);
      // The worker claimed the event's row and its attempt waits on the workspace row.
      await waitFor(attemptsWaitingOnALock, (n) => n > 0);
      const deleted = await query('DELETE FROM deliveries WHERE workspace_id = $1 RETURNING id', [ws.workspaceId]).then(
        (rows) => ({ rows: rows.length }),
        (error: Error) => ({ error: error.message }),
      );
      return { deleted, requestsSent: (await sandbox.deliveredEvents(ws.pixel?.pixelCode as string)).length };
    });

    expect(outcome).toEqual({ deleted: { rows: 1 }, requestsSent: 0 });
    // The delete was rolled back here, so the event is still owed, and the worker delivers it.
    const delivered = await waitFor(
      () => sandbox.deliveredEvents(ws.pixel?.pixelCode as string),
      (events) => events.length > 0,
    );
    expect(delivered.map((event) => event.event_id)).toEqual(['mid-delete']);
  });
});
