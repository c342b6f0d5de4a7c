import { bearer, DeliveryStack, deliveredEvent, IngestWorkspace, ingestWorkspace, startDeliveryStack, waitFor } from '@app/testing';

// Opt-in backfill on connector creation: the events a workspace accepted in the N hours before
// its connector existed are delivered to it; without backfillHours only new events are.
describe('backfill on connector creation', () => {
  let stack: DeliveryStack;

  beforeAll(async () => {
    stack = await startDeliveryStack();
  });
  afterAll(() => stack.close());

  const http = () => stack.api.http;
  const ingest = (ws: IngestWorkspace, body: object) => http().post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);
  const connect = (ws: IngestWorkspace, pixel: { pixelCode: string; accessToken: string }, extra: object = {}) =>
    http().post(`/v1/workspaces/${ws.workspaceId}/connectors`).set(bearer(ws.token)).send({ platform: 'tiktok', name: 'TikTok', ...pixel, ...extra });
  const batch = (prefix: string, n: number) => ({ batch: Array.from({ length: n }, (_, i) => ({ event: 'purchase', event_id: `${prefix}-${i}` })) });

  it('backfillHours delivers the events of the last N hours before the connector, in pages, and not older ones', async () => {
    const ws = await ingestWorkspace(http(), 'backfill');
    // 1,200 events: more than one page, and a page boundary among events of one commit (same received_at).
    for (const part of ['a', 'b', 'c']) await ingest(ws, batch(`early-${part}`, 400));
    await ingest(ws, { event: 'purchase', event_id: 'too-old' });
    await stack.api.db.query(`UPDATE events SET received_at = now() - interval '3 hours' WHERE workspace_id = $1 AND event_id = 'too-old'`, [ws.workspaceId]);

    const pixel = await stack.sandbox.registerPixel();
    const created = await connect(ws, pixel, { backfillHours: 2 }).expect(201);
    expect(created.body.backfilledEvents).toBe(1200);

    const delivered = await waitFor(
      () => stack.sandbox.deliveredEvents(pixel.pixelCode),
      (events) => events.length >= 1200,
      60_000,
    );
    const ids = new Set(delivered.map((event) => event.event_id));
    expect(ids.size).toBe(1200);
    expect(ids.has('early-c-399')).toBe(true);
    expect(ids.has('too-old')).toBe(false);
    // Exactly one delivery per event and connector.
    const [row] = await stack.api.db.query('SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = $1', [ws.workspaceId]);
    expect(row.n).toBe(1200);
  }, 90_000);

  it('without backfillHours only new events are delivered', async () => {
    const ws = await ingestWorkspace(http(), 'no-backfill');
    await ingest(ws, { event: 'purchase', event_id: 'before-connector' });
    const pixel = await stack.sandbox.registerPixel();
    const created = await connect(ws, pixel).expect(201);
    expect(created.body.backfilledEvents).toBeUndefined();
    await ingest(ws, { event: 'purchase', event_id: 'after-connector' });
    await deliveredEvent(stack.sandbox, pixel.pixelCode, (event) => event.event_id === 'after-connector');
    expect((await stack.sandbox.deliveredEvents(pixel.pixelCode)).map((event) => event.event_id)).toEqual(['after-connector']);
  });

  it('refuses a backfill beyond the platform maximum event age, naming the field', async () => {
    const ws = await ingestWorkspace(http(), 'backfill-bounds');
    const pixel = await stack.sandbox.registerPixel();
    for (const backfillHours of [169, 0, 1.5, 'six']) {
      const refused = await connect(ws, pixel, { backfillHours }).expect(400);
      expect(refused.body.details.fields).toEqual([{ field: 'backfillHours', message: expect.stringContaining('from 1 to 168') }]);
    }
    expect(await stack.api.db.query('SELECT id FROM connectors WHERE workspace_id = $1', [ws.workspaceId])).toEqual([]);
    await connect(ws, pixel, { backfillHours: 168 }).expect(201);
  });
});
