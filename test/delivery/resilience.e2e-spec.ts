import { bearer, createTestApp, createTestWorker, ingestWorkspace, PrivateRedis, TestApp, TestSandbox, TestWorker, waitFor } from '@app/testing';
import { DeliveryService } from '@app/delivery';

const FAST = { DELIVERY_SWEEP_INTERVAL_MS: '200', DELIVERY_BACKOFF_BASE_MS: '50', DELIVERY_BACKOFF_MAX_MS: '200', DELIVERY_REQUESTS_PER_SECOND: '1000' };

describe('delivery never loses or duplicates events', () => {
  let redis: PrivateRedis;
  let sandbox: TestSandbox;
  let api: TestApp;
  const workers: TestWorker[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    sandbox = await TestSandbox.start();
    api = await createTestApp({ REDIS_URL: redis.url, TIKTOK_API_BASE_URL: sandbox.url, ...FAST });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await api.close();
    await redis.kill();
    await sandbox.close();
  });

  it('delivers everything after FLUSHALL wiped the queued jobs (the sweeper finds them in Postgres)', async () => {
    const ws = await ingestWorkspace(api.http, 'flushed', sandbox);
    for (let b = 0; b < 3; b++) {
      await api.http
        .post('/v1/ingest')
        .set('X-TrackLayer-Key', ws.ingestKey)
        .send({ batch: Array.from({ length: 100 }, (_, i) => ({ event: 'view_item', event_id: `flush-${b}-${i}` })) })
        .expect(202);
    }
    await redis.flushAll();
    workers.push(await createTestWorker(api, FAST));
    const delivered = await waitFor(() => sandbox.deliveredEvents(ws.pixel?.pixelCode as string), (events) => events.length >= 300);
    expect(new Set(delivered.map((e) => e.event_id)).size).toBe(300);
    expect(delivered).toHaveLength(300);
  });

  it('sends no event twice with two workers draining the same connector at once', async () => {
    const ws = await ingestWorkspace(api.http, 'two-workers', sandbox);
    await api.http
      .patch(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}`)
      .set(bearer(ws.token))
      .send({ name: 'busy' })
      .expect(200);
    for (let b = 0; b < 4; b++) {
      await api.http
        .post('/v1/ingest')
        .set('X-TrackLayer-Key', ws.ingestKey)
        .send({ batch: Array.from({ length: 500 }, (_, i) => ({ event: 'purchase', event_id: `pair-${b}-${i}` })) })
        .expect(202);
    }
    const small = { ...FAST, DELIVERY_BATCH_SIZE: '50' };
    const pair = [await createTestWorker(api, small), await createTestWorker(api, small)];
    workers.push(...pair);
    // Besides their queue jobs, make both drain the connector at the same moment.
    await Promise.all(pair.map((w) => w.context.get(DeliveryService).drain(ws.workspaceId, ws.connectorId as string)));
    const delivered = await waitFor(() => sandbox.deliveredEvents(ws.pixel?.pixelCode as string), (events) => events.length >= 2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const final = await sandbox.deliveredEvents(ws.pixel?.pixelCode as string);
    expect(final).toHaveLength(2000);
    expect(new Set(delivered.map((e) => e.event_id)).size).toBe(2000);
    const statuses = await api.db.query(
      `SELECT status, count(*)::int AS n FROM deliveries WHERE workspace_id = $1 GROUP BY status`,
      [ws.workspaceId],
    );
    expect(statuses).toEqual([{ status: 'delivered', n: 2000 }]);
  });
});
