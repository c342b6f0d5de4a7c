import { MetricsRollup } from '@app/metrics';
import { bearer, createTestApp, createTestWorker, IngestWorkspace, ingestWorkspace, TestApp, waitFor, TestDatabase } from '@app/testing';

// Ingest and delivery transactions record counts as rows of metric_increments; the roll-up folds
// them into metric_counts. Every increment must be counted once: not lost, not twice, however
// the roll-ups and the transactions interleave.
describe('metrics roll-up', () => {
  let t: TestApp;
  let db: TestDatabase;
  let rollup: MetricsRollup;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.db;
    rollup = t.app.get(MetricsRollup);
    ws = await ingestWorkspace(t.http, 'rollup');
  });
  afterAll(() => t.close());

  const ingest = (body: object, key = ws.ingestKey) => t.http.post('/v1/ingest').set('X-TrackLayer-Key', key).send(body).expect(202);
  const counted = async (workspaceId: string, granularity: string, metric: string): Promise<number> =>
    (
      await db.query(
        `SELECT coalesce(sum(value), 0)::int AS value FROM metric_counts WHERE workspace_id = $1 AND granularity = $2 AND metric = $3`,
        [workspaceId, granularity, metric],
      )
    )[0].value;
  const pendingIncrements = async (): Promise<number> => (await db.query('SELECT count(*)::int AS n FROM metric_increments'))[0].n;

  it('counts every event exactly once while roll-ups run concurrently with ingest', async () => {
    const requests = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? ingest({ batch: Array.from({ length: 10 }, (_, j) => ({ event: 'purchase', event_id: `r-${i}-${j}` })) })
        : ingest({ event: 'page_view', event_id: `r-${i}` }),
    );
    const rollups = Array.from({ length: 8 }, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 5)).then(() => rollup.rollUp()));
    await Promise.all([...requests, ...rollups]);
    await rollup.rollUp();

    const events = 20 * 10 + 40;
    expect(await pendingIncrements()).toBe(0);
    for (const granularity of ['minute', 'hour', 'day']) {
      expect(await counted(ws.workspaceId, granularity, 'received')).toBe(events);
      expect(await counted(ws.workspaceId, granularity, 'accepted')).toBe(events);
    }
    const report = (await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;
    expect(report).toMatchObject({ received: events, accepted: events });
  });

  it('counts only what the dedup claim accepted when concurrent requests race for the same event ids', async () => {
    const racing = await ingestWorkspace(t.http, 'rollup-race');
    const shared = Array.from({ length: 5 }, (_, i) => ({ event: 'purchase', event_id: `race-${i}`, user: { email: `race${i}@example.com` } }));
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, r) => ingest({ batch: [...shared, { event: 'page_view', event_id: `own-${r}` }] }, racing.ingestKey)),
    );
    const accepted = responses.reduce((sum, r) => sum + r.body.accepted, 0);
    const duplicates = responses.reduce((sum, r) => sum + r.body.duplicates, 0);
    expect(accepted).toBe(5 + 30);
    expect(duplicates).toBe(29 * 5);

    const report = (await t.http.get(`/v1/workspaces/${racing.workspaceId}/metrics`).set(bearer(racing.token)).expect(200)).body;
    expect(report).toMatchObject({ received: 180, accepted: 35, duplicates: 145 });
    expect(report.matchKeyCoverage.email).toBeCloseTo(5 / 35, 10);
  });

  it('makes the metrics API exact without waiting for a periodic roll-up', async () => {
    const fresh = await ingestWorkspace(t.http, 'rollup-read');
    await ingest({ event: 'purchase', event_id: 'read-1' }, fresh.ingestKey);
    expect(await pendingIncrements()).toBeGreaterThan(0);
    const report = (await t.http.get(`/v1/workspaces/${fresh.workspaceId}/metrics`).set(bearer(fresh.token)).expect(200)).body;
    expect(report).toMatchObject({ received: 1, accepted: 1 });
  });

  it("adds a workspace's own unfolded increments to a read and writes nothing, not even for others", async () => {
    const reader = await ingestWorkspace(t.http, 'rollup-reader');
    const busy = await ingestWorkspace(t.http, 'rollup-busy');
    await rollup.rollUp();
    await ingest({ event: 'purchase', event_id: 'folded-1' }, reader.ingestKey);
    await rollup.rollUp();
    await ingest({ batch: [{ event: 'purchase', event_id: 'unfolded-1' }, { event: 'page_view', event_id: 'unfolded-2' }] }, reader.ingestKey);
    await ingest({ event: 'purchase', event_id: 'busy-1' }, busy.ingestKey);
    const before = await pendingIncrements();

    const report = (await t.http.get(`/v1/workspaces/${reader.workspaceId}/metrics`).set(bearer(reader.token)).expect(200)).body;
    expect(report).toMatchObject({ received: 3, accepted: 3 });
    expect(report.series.reduce((sum: number, bucket: { received: number }) => sum + bucket.received, 0)).toBe(3);
    expect(await pendingIncrements()).toBe(before);
    expect(await counted(reader.workspaceId, 'minute', 'received')).toBe(1);
    expect(await counted(busy.workspaceId, 'minute', 'received')).toBe(0);
  });

  it('drops the increments of a workspace deleted before they were folded', async () => {
    const doomed = await ingestWorkspace(t.http, 'rollup-doomed');
    await ingest({ event: 'purchase', event_id: 'gone-1' }, doomed.ingestKey);
    await t.http.delete(`/v1/workspaces/${doomed.workspaceId}`).set(bearer(doomed.token)).expect(204);
    await rollup.rollUp();
    expect(await pendingIncrements()).toBe(0);
    expect(await counted(doomed.workspaceId, 'minute', 'received')).toBe(0);
  });

  it('is run by the worker every second', async () => {
    const worker = await createTestWorker(t);
    try {
      await ingest({ event: 'purchase', event_id: 'worker-1' });
      await waitFor(pendingIncrements, (n) => n === 0, 10_000);
      expect(await counted(ws.workspaceId, 'day', 'received')).toBe(20 * 10 + 40 + 1);
    } finally {
      await worker.close();
    }
  });
});
