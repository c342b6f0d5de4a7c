import { createTestApp, ingestWorkspace, TestApp, TestSandbox, waitFor } from '@app/testing';

// TRACKLAYER_ROLES=api,worker: the api's entry module composes the worker's lib modules itself
// (apps/api never imports apps/worker), and one process ingests and delivers.
describe('api and worker in one process', () => {
  let sandbox: TestSandbox;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TRACKLAYER_ROLES: 'api,worker', TIKTOK_API_BASE_URL: sandbox.url, DELIVERY_SWEEP_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  it('delivers what it ingested, with no separate worker', async () => {
    const ws = await ingestWorkspace(t.http, 'one-process', sandbox);
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'purchase', event_id: 'one-process-1' }).expect(202);
    const delivered = await waitFor(() => sandbox.deliveredEvents(ws.pixel?.pixelCode as string), (events) => events.length === 1);
    expect(delivered.map((event) => event.event_id)).toEqual(['one-process-1']);
  });
});
