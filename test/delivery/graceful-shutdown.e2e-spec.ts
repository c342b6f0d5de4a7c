import { createTestApp, createTestWorker, ingestWorkspace, TestApp, TestSandbox, waitFor } from '@app/testing';

// Stopping a worker mid-drain must commit the outcome of the batch already sent to TikTok: a
// delivered batch left "pending" would be sent again after the restart.
describe('worker shutdown during a drain', () => {
  let sandbox: TestSandbox;
  let api: TestApp;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
  });
  afterAll(async () => {
    await api.close();
    await sandbox.close();
  });

  it('records every batch TikTok accepted as delivered, and leaves the rest pending', async () => {
    const ws = await ingestWorkspace(api.http, 'shutdown', sandbox);
    for (let b = 0; b < 4; b++) {
      await api.http
        .post('/v1/ingest')
        .set('X-TrackLayer-Key', ws.ingestKey)
        .send({ batch: Array.from({ length: 250 }, (_, i) => ({ event: 'purchase', event_id: `stop-${b}-${i}` })) })
        .expect(202);
    }
    // Batches of 100, two requests a second: the drain takes about 5 s.
    const worker = await createTestWorker(api, {
      DELIVERY_BATCH_SIZE: '100',
      DELIVERY_REQUESTS_PER_SECOND: '2',
      DELIVERY_PARALLEL_PER_CONNECTOR: '1',
      DELIVERY_SWEEP_INTERVAL_MS: '100',
    });
    await waitFor(() => sandbox.deliveredEvents(ws.pixel?.pixelCode as string), (events) => events.length >= 100);
    // The next request is held by the sandbox for a second; stop the worker while it is in flight.
    // (The sandbox stores a slow request's events on receipt, then answers a second later.)
    await sandbox.fault('slow', 1, ws.pixel?.pixelCode);
    const seen = (await sandbox.deliveredEvents(ws.pixel?.pixelCode as string)).length;
    await waitFor(() => sandbox.deliveredEvents(ws.pixel?.pixelCode as string), (events) => events.length > seen);
    await worker.close();

    const sent = (await sandbox.deliveredEvents(ws.pixel?.pixelCode as string)).map((e) => e.event_id).sort();
    const rows: Array<{ event_id: string; status: string }> = await api.db.query(
      `SELECT e.event_id, d.status FROM deliveries d JOIN events e ON e.id = d.event_ref WHERE d.workspace_id = $1`,
      [ws.workspaceId],
    );
    const delivered = rows.filter((r) => r.status === 'delivered').map((r) => r.event_id).sort();
    expect(sent.length).toBeLessThan(1000);
    expect(delivered).toEqual(sent);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1000 - sent.length);
  });
});
