import { randomBytes } from 'node:crypto';
import { bearer, DeliveryStack, deliveredEvent, IngestWorkspace, ingestWorkspace, signUp, startDeliveryStack, waitFor } from '@app/testing';

interface Attempt {
  outcome: string;
  httpStatus: number | null;
  platformCode: number | null;
  requestId: string | null;
  sent: unknown;
}

// Delivery truth: for any event, what arrived, what TrackLayer made of it, what it sent and what
// the platform answered; and the events that were refused.
describe('the event story', () => {
  let stack: DeliveryStack;
  let ws: IngestWorkspace;

  beforeAll(async () => {
    stack = await startDeliveryStack();
    ws = await ingestWorkspace(stack.api.http, 'story', stack.sandbox);
  });
  afterAll(() => stack.close());

  const http = () => stack.api.http;
  const ingest = (body: object) => http().post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body);
  const story = (ref: string) => http().get(`/v1/workspaces/${ws.workspaceId}/events/${ref}`).set(bearer(ws.token));
  const list = (query: string) => http().get(`/v1/workspaces/${ws.workspaceId}/events?${query}`).set(bearer(ws.token)).expect(200);

  it('an event delivered after an HTTP 500 and a 40100: raw, normalized, two failed attempts and the delivered one as the sandbox received it', async () => {
    const pixelCode = ws.pixel?.pixelCode as string;
    await stack.sandbox.fault('http_500', 1, pixelCode);
    await stack.sandbox.fault('rate_limit', 1, pixelCode);
    const ttclid = `E.C.P.${randomBytes(6).toString('hex')}`;
    const answer = await ingest({
      event: 'purchase',
      event_id: 'story-1',
      user: { email: 'Buyer@Example.com', phone: '+33612345678' },
      page: { url: `https://shop.example/landing?ttclid=${ttclid}` },
      properties: { value: 10, currency: 'EUR', order_id: 'order-story-1' },
    }).expect(202);
    const ref = answer.body.results[0].id as string;

    const received = await deliveredEvent(stack.sandbox, pixelCode, (event) => event.event_id === 'story-1');
    const told = await waitFor(
      async () => (await story(ref).expect(200)).body,
      (body) => body.deliveries[0]?.status === 'delivered' && body.deliveries[0].requests.every((r: Attempt) => r.outcome !== 'sending'),
    );

    expect(told.status).toBe('accepted');
    // As it arrived, without the plain email and phone.
    expect(told.raw).toMatchObject({ event: 'purchase', event_id: 'story-1', user: { email: '[redacted]', phone: '[redacted]' } });
    expect(JSON.stringify(told.raw)).not.toContain('Example.com');
    expect(told.normalized.user.ttclid).toBe(ttclid);
    expect(told.normalized.clickIds.ttclidSource).toBe('url');

    const requests: Attempt[] = told.deliveries[0].requests;
    // The two faults in the order the sandbox took them, then the delivery.
    expect(requests.slice(0, 2).map((r) => [r.outcome, r.httpStatus, r.platformCode])).toEqual(
      expect.arrayContaining([
        ['retry', 500, null],
        ['retry', 200, 40100],
      ]),
    );
    expect([requests[2].outcome, requests[2].httpStatus, requests[2].platformCode]).toEqual(['delivered', 200, 0]);
    expect(requests).toHaveLength(3);
    const delivered = requests[2];
    expect(delivered.outcome).toBe('delivered');
    expect(delivered.requestId).toEqual(expect.any(String));
    const sandboxRequest = (await stack.sandbox.requests(pixelCode)).find((r) => r.requestId === delivered.requestId);
    expect(sandboxRequest?.code).toBe(0);
    // The event object sent is exactly what the sandbox received.
    expect(delivered.sent).toEqual(received);
    for (const failed of requests.slice(0, 2)) expect(failed.sent).toEqual(received);

    // From the delivery log to its events, and by order_id and ttclid.
    expect((await list(`deliveryLogId=${(told.deliveries[0].requests[2] as { id: string }).id}`)).body.map((e: { id: string }) => e.id)).toEqual([ref]);
    expect((await list('order_id=order-story-1')).body.map((e: { id: string }) => e.id)).toEqual([ref]);
  });

  it('lists a rejected event with its errors; filters by name, status and ttclid return exactly the expected events', async () => {
    const ttclid = `E.C.P.${randomBytes(6).toString('hex')}`;
    const accepted = await ingest({
      batch: [
        { event: 'view_content', event_id: 'f-1', page: { url: `https://shop.example/p?ttclid=${ttclid}` } },
        { event: 'add_to_cart', event_id: 'f-2' },
        { event: 'add_to_cart', event_id: 'f-3', user: { email: 'not-an-email-at-all' }, event_time: 'yesterday' },
      ],
    }).expect(202);
    expect(accepted.body.results[2].status).toBe('rejected');

    const rejected = (await list('status=rejected')).body;
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ status: 'rejected', eventName: 'add_to_cart', reason: accepted.body.results[2].reason });
    expect(rejected[0].errors).toEqual(accepted.body.results[2].errors);
    expect(rejected[0].raw).toMatchObject({ event_id: 'f-3', user: { email: '[redacted]' } });
    expect((await story(rejected[0].id).expect(200)).body).toMatchObject({ status: 'rejected', errors: rejected[0].errors });

    expect((await list(`ttclid=${ttclid}`)).body.map((e: { eventId: string }) => e.eventId)).toEqual(['f-1']);
    expect((await list('event=add_to_cart')).body.map((e: { eventId: string }) => e.eventId)).toEqual(['f-2']);
    await waitFor(
      async () => (await list('status=pending')).body,
      (pending: unknown[]) => pending.length === 0,
    );
    expect((await list('status=delivered')).body.map((e: { eventId: string }) => e.eventId).sort()).toEqual(['f-1', 'f-2', 'story-1']);

    // Paging with the cursor walks the same events.
    const first = await list('limit=1');
    const cursor = first.headers['tracklayer-next-cursor'];
    expect(cursor).toEqual(expect.any(String));
    const second = await list(`limit=1&cursor=${cursor}`);
    expect(second.body[0].id).not.toBe(first.body[0].id);
    await http().get(`/v1/workspaces/${ws.workspaceId}/events?cursor=garbage`).set(bearer(ws.token)).expect(400);
  });

  it('replays one event', async () => {
    const [event] = (await list('event=add_to_cart')).body;
    const pixelCode = ws.pixel?.pixelCode as string;
    const before = (await stack.sandbox.deliveredEvents(pixelCode)).filter((e) => e.event_id === 'f-2').length;
    const replay = await http().post(`/v1/workspaces/${ws.workspaceId}/events/${event.id}/replay`).set(bearer(ws.token)).send({}).expect(202);
    expect(replay.body).toEqual({ requeued: 1 });
    await waitFor(
      async () => (await stack.sandbox.deliveredEvents(pixelCode)).filter((e) => e.event_id === 'f-2').length,
      (n) => n === before + 1,
    );
  });

  it("another workspace's event ref answers 404", async () => {
    const [event] = (await list('event=add_to_cart')).body;
    const other = await signUp(http(), 'story-other');
    await http().get(`/v1/workspaces/${other.workspaceId}/events/${event.id}`).set(bearer(other.token)).expect(404);
    await http().get(`/v1/workspaces/${ws.workspaceId}/events/${event.id}`).set(bearer(other.token)).expect(404);
  });

  it('keeps rejected drop-in messages too', async () => {
    await http()
      .post('/v1/batch')
      .auth(ws.ingestKey, '')
      .send({ batch: [{ type: 'track', messageId: 'seg-bad', userId: 'u', event: 'Order Completed', properties: { revenue: 'lots' }, timestamp: 'never' }] });
    const rejected = await waitFor(
      async () => (await list('status=rejected')).body as Array<{ raw: { messageId?: string } | null }>,
      (rows) => rows.some((row) => row.raw?.messageId === 'seg-bad'),
      5_000,
    );
    expect(rejected.some((row) => row.raw?.messageId === 'seg-bad')).toBe(true);
  });
});
