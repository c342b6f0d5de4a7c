import { bearer, createTestApp, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, waitFor } from '@app/testing';

interface Check {
  name: string;
  status: string;
  message: string;
  value: number | null;
}

// Nothing silently undeliverable: an event accepted while no connector can deliver it is said so
// in the ingest answer, counted, and failed in the health checks.
describe('events accepted with no active connector', () => {
  let sandbox: TestSandbox;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    t = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url });
  });
  afterAll(async () => {
    await t.close();
    await sandbox.close();
  });

  const ingest = (ws: IngestWorkspace, body: object) => t.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);
  const metrics = async (ws: IngestWorkspace) => (await t.http.get(`/v1/workspaces/${ws.workspaceId}/metrics`).set(bearer(ws.token)).expect(200)).body;
  const deliverable = (body: { checks: Check[] }) => body.checks.find((check) => check.name === 'events_deliverable');

  it('a workspace without a connector: a warning per event, counted as undeliverable, and a failing check', async () => {
    const ws = await ingestWorkspace(t.http, 'no-connector');
    const answer = await ingest(ws, { batch: [{ event: 'purchase', event_id: 'lonely-1' }, { event: 'purchase', event_id: 'lonely-2' }] });
    for (const result of answer.body.results) {
      expect(result.warnings).toEqual([expect.objectContaining({ field: '$', message: expect.stringContaining('no connector') })]);
    }
    const report = await waitFor(() => metrics(ws), (body) => body.undeliverable === 2);
    expect(report.accepted).toBe(2);
    expect(deliverable(report)).toMatchObject({ status: 'fail', value: 2, message: expect.stringContaining('2 accepted event(s) had no active connector') });
  });

  it('a workspace whose only connector is invalid: the event is held, with its own warning', async () => {
    const ws = await ingestWorkspace(t.http, 'invalid-connector', sandbox);
    const before = await metrics(ws);
    expect(deliverable(before)).toMatchObject({ status: 'ok', value: 0 });

    const delivered = await ingest(ws, { event: 'purchase', event_id: 'while-valid' });
    expect(delivered.body.results[0].warnings).toBeUndefined();

    // The customer revokes the token in TikTok Events Manager; the next check marks it invalid.
    await sandbox.revokeToken(ws.pixel?.accessToken as string);
    await t.http.post(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}/validate`).set(bearer(ws.token)).expect(422);

    const held = await ingest(ws, { event: 'purchase', event_id: 'while-invalid' });
    expect(held.body.results[0].warnings).toEqual([expect.objectContaining({ field: '$', message: expect.stringContaining('all invalid') })]);
    const report = await waitFor(() => metrics(ws), (body) => body.undeliverable === 1);
    expect(report.accepted).toBe(2);
    expect(deliverable(report)?.status).toBe('fail');
  });

  it('a bad event next to an undeliverable one does not count as undeliverable', async () => {
    const ws = await ingestWorkspace(t.http, 'no-connector-mixed');
    const answer = await ingest(ws, { batch: [{ event: 'purchase', event_id: 'kept' }, { event_id: 'no-name' }] });
    expect(answer.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    const report = await waitFor(() => metrics(ws), (body) => body.accepted === 1 && body.rejected === 1);
    expect(report.undeliverable).toBe(1);
  });
});
