import { bearer, DeliveryStack, IngestWorkspace, ingestWorkspace, startDeliveryStack, TestApp, TestSandbox, waitFor } from '@app/testing';

// Event names as people write them: the default table served by the API, connector mappings
// matched the same way, and mappings to non-standard TikTok names accepted but flagged.
describe('TikTok event names', () => {
  let stack: DeliveryStack;
  let sandbox: TestSandbox;
  let api: TestApp;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    stack = await startDeliveryStack();
    ({ sandbox, api } = stack);
    ws = await ingestWorkspace(api.http, 'event-names', sandbox);
  });
  afterAll(() => stack?.close());

  it('serves the default table publicly', async () => {
    const answer = await api.http.get('/v1/platforms/tiktok/event-names').expect(200);
    expect(answer.body).toMatchObject({
      platform: 'tiktok',
      standardEvents: expect.arrayContaining(['Purchase', 'ApplicationApproval', 'ViewContent']),
      legacyEvents: expect.arrayContaining(['CompletePayment', 'Pageview']),
      defaultEventNames: expect.objectContaining({ purchase: 'CompletePayment', 'Order Completed': 'CompletePayment', 'Products Searched': 'Search', Purchase: 'Purchase' }),
    });
    expect(answer.body.standardEvents).toHaveLength(18);
  });

  it('accepts a mapping to a non-standard name as custom, flags it with the name it probably meant, and matches keys loosely at delivery', async () => {
    const patched = await api.http
      .patch(`/v1/workspaces/${ws.workspaceId}/connectors/${ws.connectorId}`)
      .set(bearer(ws.token))
      .send({ eventMapping: { 'quiz finished': 'complete payment', 'Newsletter Join': 'Subscribe', 'Demo Booked': 'DemoBooked' } })
      .expect(200);
    // jsonb keeps its own key order; the notices follow it.
    const notices = [...patched.body.eventMappingNotices].sort((a: { source: string }, b: { source: string }) => a.source.localeCompare(b.source));
    expect(notices).toEqual([
      { source: 'Demo Booked', target: 'DemoBooked', message: expect.stringContaining('sent as a custom event') },
      { source: 'quiz finished', target: 'complete payment', message: expect.stringContaining('Did you mean "CompletePayment"?') },
    ]);
    const listed = await api.http.get(`/v1/workspaces/${ws.workspaceId}/connectors`).set(bearer(ws.token)).expect(200);
    expect(listed.body[0].eventMappingNotices).toHaveLength(2);

    await api.http
      .post('/v1/ingest')
      .set('X-TrackLayer-Key', ws.ingestKey)
      .send({
        batch: [
          { event: 'NEWSLETTER_JOIN', event_id: 'names-1' },
          { event: 'demo-booked', event_id: 'names-2' },
          { event: 'application approval', event_id: 'names-3' },
          { event: 'Application_Approved', event_id: 'names-4' },
        ],
      })
      .expect(202);
    const events = await waitFor(
      () => sandbox.deliveredEvents(ws.pixel?.pixelCode as string),
      (delivered) => ['names-1', 'names-2', 'names-3', 'names-4'].every((id) => delivered.some((e) => e.event_id === id)),
    );
    const nameOf = (id: string) => events.find((e) => e.event_id === id)?.event;
    expect([nameOf('names-1'), nameOf('names-2'), nameOf('names-3'), nameOf('names-4')]).toEqual([
      'Subscribe',
      'DemoBooked',
      'ApplicationApproval',
      'ApplicationApproval',
    ]);
  });
});
