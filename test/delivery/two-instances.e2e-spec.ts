import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from '@app/core';
import {
  createTestApp,
  createTestWorker,
  IngestWorkspace,
  ingestWorkspace,
  TestApp,
  TestSandbox,
  TestWorker,
  waitFor,
} from '@app/testing';

// Two deployments (two `npm run dev`) on one Redis, each with its own database and the default
// QUEUE_PREFIX. The sweeper is slowed to an hour, so a job taken by the wrong worker would not be
// made good within the test: only each instance's own queue can deliver its events.
const DEFAULT_PREFIX = { QUEUE_PREFIX: '', DELIVERY_SWEEP_INTERVAL_MS: '3600000', DELIVERY_REQUESTS_PER_SECOND: '1000' };

describe('two instances on one Redis with the default QUEUE_PREFIX', () => {
  let sandbox: TestSandbox;
  let first: TestApp;
  let second: TestApp;
  let firstWorker: TestWorker | undefined;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    // The first instance starts without a worker, so its jobs wait where a stranger could take them.
    first = await createTestApp({ ...DEFAULT_PREFIX, TIKTOK_API_BASE_URL: sandbox.url, TRACKLAYER_ROLES: 'api' });
    second = await createTestApp({ ...DEFAULT_PREFIX, TIKTOK_API_BASE_URL: sandbox.url, TRACKLAYER_ROLES: 'api,worker' });
  });
  afterAll(async () => {
    await firstWorker?.close();
    await first.close();
    await second.close();
    await sandbox.close();
  });

  const databaseName = (app: TestApp) => new URL(app.databaseUrl).pathname.slice(1);
  const waitingJobs = async (app: TestApp) => {
    const counts = await app.app.get<Queue>(getQueueToken(QueueName.Delivery)).getJobCounts('waiting', 'prioritized', 'delayed');
    return counts.waiting + counts.prioritized + counts.delayed;
  };
  const send = (app: TestApp, ws: IngestWorkspace, eventId: string) =>
    app.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: eventId }).expect(202);
  const delivered = async (ws: IngestWorkspace, eventId: string) => {
    const started = Date.now();
    await waitFor(
      () => sandbox.deliveredEvents(ws.pixel!.pixelCode),
      (events) => events.some((e) => e.event_id === eventId),
      15_000,
    );
    return Date.now() - started;
  };

  it('derives each prefix from its database name', () => {
    expect(first.config.queuePrefix).toBe(`tracklayer:${databaseName(first)}`);
    expect(second.config.queuePrefix).toBe(`tracklayer:${databaseName(second)}`);
    expect(first.config.queuePrefix).not.toBe(second.config.queuePrefix);
  });

  it("never lets one instance's worker take the other's jobs, and each delivers its own events", async () => {
    const a = await ingestWorkspace(first.http, 'first-instance', sandbox);
    const b = await ingestWorkspace(second.http, 'second-instance', sandbox);

    await send(first, a, 'a-1');
    await waitFor(() => waitingJobs(first), (n) => n > 0);
    // Queued after a-1's job: a worker sharing one queue would take a-1's job first (FIFO).
    await send(second, b, 'b-1');
    await delivered(b, 'b-1');
    expect(await waitingJobs(first)).toBeGreaterThan(0);
    expect((await sandbox.deliveredEvents(a.pixel!.pixelCode)).map((e) => e.event_id)).toEqual([]);

    firstWorker = await createTestWorker(first, DEFAULT_PREFIX);
    expect(firstWorker.config.queuePrefix).toBe(first.config.queuePrefix);
    await delivered(a, 'a-1');

    // Both running, as two `npm run dev`: each event arrives through its own queue within a
    // second (about 120 ms measured on a shared 2-core machine, polling included), not by a sweep.
    await Promise.all([send(first, a, 'a-2'), send(second, b, 'b-2')]);
    const [latencyA, latencyB] = await Promise.all([delivered(a, 'a-2'), delivered(b, 'b-2')]);
    expect(Math.max(latencyA, latencyB)).toBeLessThan(1_000);
  });
});
