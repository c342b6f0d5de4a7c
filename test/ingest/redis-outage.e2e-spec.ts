import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, PrivateRedis, TestApp, TestSandbox } from '@app/testing';

// Redis only carries work; Postgres holds every accepted event. So with Redis gone, ingest still
// answers 202 and the events wait, pending, for the worker's sweeper.
describe('ingest while Redis is down', () => {
  let redis: PrivateRedis;
  let sandbox: TestSandbox;
  let t: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    sandbox = await TestSandbox.start();
    t = await createTestApp({ REDIS_URL: redis.url, TIKTOK_API_BASE_URL: sandbox.url });
    ws = await ingestWorkspace(t.http, 'outage', sandbox);
  });
  afterAll(async () => {
    await redis.kill();
    await t.close();
    await sandbox.close();
  });

  it('answers 202 and keeps the deliveries pending in Postgres', async () => {
    await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ event: 'page_view', event_id: 'before-outage' }).expect(202);

    await redis.kill();

    const started = Date.now();
    const response = await t.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({ batch: [{ event: 'purchase', event_id: 'during-outage-1' }, { event: 'purchase', event_id: 'during-outage-2' }] })
      .expect(202);
    expect(response.body.accepted).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);

    // Pending for the connector (its cursor has not passed them: no worker runs here).
    const listed = await t.http.get(`/v1/workspaces/${ws.workspaceId}/events`).set(bearer(ws.token)).expect(200);
    const statuses = listed.body
      .map((event: { eventId: string; deliveries: Array<{ status: string }> }) => ({ eventId: event.eventId, statuses: event.deliveries.map((d) => d.status) }))
      .sort((a: { eventId: string }, b: { eventId: string }) => a.eventId.localeCompare(b.eventId));
    expect(statuses).toEqual([
      { eventId: 'before-outage', statuses: ['pending'] },
      { eventId: 'during-outage-1', statuses: ['pending'] },
      { eventId: 'during-outage-2', statuses: ['pending'] },
    ]);
    const ready = await t.http.get('/health/ready').expect(503);
    expect(ready.body.checks.postgres).toBe('ok');
  });
});
