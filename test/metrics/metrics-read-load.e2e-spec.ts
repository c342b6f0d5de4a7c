import { MetricsRollup } from '@app/metrics';
import { bearer, createTestApp, createTestWorker, IngestWorkspace, ingestWorkspace, TestApp, TestWorker } from '@app/testing';

const WORKSPACES = 10;
const LOAD_MS = 6000;
const EVENTS_PER_REQUEST = 25;
// Unfolded increment rows per workspace when the roll-up lags (one row per ingest transaction).
const BACKLOG_PER_WORKSPACE = 2000;

// A dashboard read while ten workspaces are busy: it must stay exact and cost what its own
// workspace recorded, not what all of them did. The answer times are printed as figures
// (docs/metrics.md), not asserted: the machine is shared.
describe('metrics read with 10 busy workspaces', () => {
  let t: TestApp;
  let worker: TestWorker | undefined;
  let workspaces: IngestWorkspace[];

  beforeAll(async () => {
    t = await createTestApp();
    workspaces = [];
    for (let i = 0; i < WORKSPACES; i++) workspaces.push(await ingestWorkspace(t.http, `busy-${i}`));
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const read = async (ws: IngestWorkspace): Promise<{ ms: number; received: number }> => {
    const started = performance.now();
    const response = await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200);
    return { ms: performance.now() - started, received: response.body.received };
  };

  const percentiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
    return { reads: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
  };

  it('answers exactly while the roll-up lags behind ten workspaces', async () => {
    const db = t.db;
    // What one ingest transaction of 25 purchases records, as the recorder stores it.
    const increments = JSON.stringify(
      ['received', 'accepted', 'has_ip', 'has_user_agent'].map((m) => ({ c: '00000000-0000-0000-0000-000000000000', m, d1: '', d2: '', v: EVENTS_PER_REQUEST })),
    );
    await db.query(
      `INSERT INTO metric_increments (workspace_id, recorded_at, increments)
       SELECT w, now(), $2::jsonb FROM unnest($1::uuid[]) AS w CROSS JOIN generate_series(1, $3)`,
      [workspaces.map((ws) => ws.workspaceId), increments, BACKLOG_PER_WORKSPACE],
    );
    const first = await read(workspaces[0]);
    const again = [first.ms];
    for (let i = 0; i < 9; i++) again.push((await read(workspaces[0])).ms);
    expect(first.received).toBe(BACKLOG_PER_WORKSPACE * EVENTS_PER_REQUEST);
    console.log(
      `Metrics answer of one workspace with ${WORKSPACES} x ${BACKLOG_PER_WORKSPACE} increments not folded (ms): ` +
        `first ${Math.round(first.ms)}, ten reads ${JSON.stringify(percentiles(again))}`,
    );
    await t.app.get(MetricsRollup).rollUp();
  });

  it('answers exactly while the others ingest', async () => {
    worker = await createTestWorker(t);
    const sentBefore = await Promise.all(workspaces.map(async (ws) => (await read(ws)).received));
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await read(workspaces[0])).ms);

    const sent = new Array<number>(WORKSPACES).fill(0);
    const until = Date.now() + LOAD_MS;
    const ingesting = workspaces.map(async (ws, w) => {
      for (let batch = 0; Date.now() < until; batch++) {
        const events = Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => ({ event: 'purchase', event_id: `w${w}-${batch}-${i}` }));
        await t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send({ batch: events }).expect(202);
        sent[w] += EVENTS_PER_REQUEST;
      }
    });
    const busy: number[] = [];
    const reading = (async () => {
      while (Date.now() < until) {
        busy.push((await read(workspaces[0])).ms);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await Promise.all([...ingesting, reading]);

    for (let w = 0; w < WORKSPACES; w++) expect((await read(workspaces[w])).received).toBe(sentBefore[w] + sent[w]);
    const total = sent.reduce((a, b) => a + b, 0);
    console.log(
      `Metrics answer of one workspace (ms): idle ${JSON.stringify(percentiles(idle))}; ` +
        `while ${WORKSPACES} workspaces ingest ${Math.round(total / (LOAD_MS / 1000))} events/s: ${JSON.stringify(percentiles(busy))}`,
    );
  });
});
