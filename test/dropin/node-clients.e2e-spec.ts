import { Analytics, FetchHTTPClient, type HTTPClient, type HTTPClientRequest } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { TikTokEvent } from '@app/tiktok';
import { deliveredEvent, DeliveryStack, IngestWorkspace, ingestWorkspace, sha256Hex as sha, startDeliveryStack, TestApp, TestSandbox } from '@app/testing';

interface SeenResponse {
  status: number;
  at: number;
  body: string;
  retryAfter?: string;
  rateLimitReset?: string;
}

// The real server-side clients from npm, unchanged but for their host: @segment/analytics-node
// (flushAt 1) and @rudderstack/rudder-sdk-node (gzip, its default), against the api over HTTP.
describe('Segment and RudderStack Node clients (drop-in)', () => {
  let stack: DeliveryStack;
  let sandbox: TestSandbox;
  let api: TestApp;
  let apiUrl: string;

  beforeAll(async () => {
    // One request per second and key, two in a burst: enough to make a client meet a 429.
    stack = await startDeliveryStack({ INGEST_RATE_LIMIT_PER_SECOND: '1', INGEST_RATE_LIMIT_BURST: '2' }, { listen: true });
    ({ sandbox, api } = stack);
    apiUrl = stack.url as string;
  });
  afterAll(() => stack?.close());

  const delivered = (ws: IngestWorkspace, eventId: string): Promise<TikTokEvent> => deliveredEvent(sandbox, ws.pixel?.pixelCode, (e) => e.event_id === eventId);

  function segmentClient(ws: IngestWorkspace, responses: SeenResponse[], httpClient?: HTTPClient) {
    const analytics = new Analytics({ writeKey: ws.ingestKey, host: apiUrl, flushAt: 1, maxRetries: 3, ...(httpClient ? { httpClient } : {}) });
    analytics.on('http_response', (response) =>
      responses.push({
        status: response.status,
        at: Date.now(),
        body: response.body,
        retryAfter: response.headers['retry-after'],
        rateLimitReset: response.headers['x-ratelimit-reset'],
      }),
    );
    return analytics;
  }

  it('@segment/analytics-node: an order reaches TikTok as CompletePayment with its id, hashed identities, click ids, contents and value, and no server IP', async () => {
    const ws = await ingestWorkspace(api.http, 'analytics-node', sandbox);
    const responses: SeenResponse[] = [];
    const analytics = segmentClient(ws, responses);
    analytics.track({
      userId: 'customer-42',
      event: 'Order Completed',
      messageId: 'segment-node-order-1',
      properties: {
        order_id: 'order-42',
        revenue: 57.5,
        currency: 'usd',
        ttclid: 'E.C.P.segmentnode',
        ttp: 'ttp-segmentnode',
        products: [
          { product_id: 'sku-1', name: 'Mug', price: 20, quantity: 2, category: 'Kitchen', brand: 'Acme' },
          { sku: 'sku-2', name: 'Spoon', price: 17.5 },
        ],
      },
      context: { traits: { email: ' Buyer@Example.com ', phone: '+1 213 373 4253' } },
    });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(responses.map((r) => r.status)).toEqual([200]);

    const order = await delivered(ws, 'segment-node-order-1');
    expect(order).toMatchObject({
      event: 'CompletePayment',
      event_id: 'segment-node-order-1',
      user: {
        email: [sha('buyer@example.com')],
        phone: [sha('+12133734253')],
        external_id: [sha('customer-42')],
        ttclid: 'E.C.P.segmentnode',
        ttp: 'ttp-segmentnode',
      },
      properties: {
        value: 57.5,
        currency: 'USD',
        order_id: 'order-42',
        contents: [
          { content_id: 'sku-1', content_name: 'Mug', content_category: 'Kitchen', price: 20, quantity: 2, brand: 'Acme' },
          { content_id: 'sku-2', content_name: 'Spoon', price: 17.5, quantity: 1 },
        ],
      },
    });
    // The request came from this test's server process: its IP and user agent are not the buyer's.
    expect(order.user?.ip).toBeUndefined();
    expect(order.user?.user_agent).toBeUndefined();
    expect(order.event_time).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('@segment/analytics-node waits for Retry-After on a 429 and then delivers', async () => {
    const ws = await ingestWorkspace(api.http, 'analytics-node-429', sandbox);
    const responses: SeenResponse[] = [];
    const analytics = segmentClient(ws, responses);
    // Five at once against a burst of two: some must meet the limit however slow the machine is.
    for (let i = 0; i < 5; i++) analytics.track({ userId: 'u-429', event: 'Product Viewed', messageId: `segment-node-429-${i}`, properties: { product_id: `p-${i}` } });
    await analytics.closeAndFlush({ timeout: 20_000 });

    const limited = responses.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    expect(Number(responses[limited].retryAfter)).toBeGreaterThanOrEqual(1);
    // The reset time in Unix seconds, about Retry-After from now.
    expect(Number(responses[limited].rateLimitReset)).toBeGreaterThanOrEqual(Math.floor(responses[limited].at / 1000));
    expect(Number(responses[limited].rateLimitReset)).toBeLessThanOrEqual(Math.ceil(responses[limited].at / 1000) + 5);
    // A retry carries the same messages (its sentAt is new). Five batches share one token a second,
    // so a retry may meet the limit again; each waits as told (at least a second, not a tight
    // loop) and the last attempt is taken.
    const messageIds = (body: string) => (JSON.parse(body) as { batch: Array<{ messageId: string }> }).batch.map((m) => m.messageId).join();
    const attempts = responses.slice(limited).filter((r) => messageIds(r.body) === messageIds(responses[limited].body));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[attempts.length - 1].status).toBe(200);
    for (let i = 1; i < attempts.length; i++) expect(attempts[i].at - attempts[i - 1].at).toBeGreaterThanOrEqual(900);
    for (let i = 0; i < 5; i++) expect((await delivered(ws, `segment-node-429-${i}`)).event).toBe('ViewContent');
  });

  it('@segment/analytics-node does not retry a 400', async () => {
    const ws = await ingestWorkspace(api.http, 'analytics-node-400', sandbox);
    const responses: SeenResponse[] = [];
    // The client's own transport, with the body cut short on the way (as a broken proxy would):
    // TrackLayer answers 400, and the client's retry policy must give up at once.
    const real = new FetchHTTPClient();
    const truncating = { makeRequest: (request: HTTPClientRequest) => real.makeRequest({ ...request, body: request.body.slice(0, -5) }) };
    const analytics = segmentClient(ws, responses, truncating);
    analytics.track({ userId: 'u-400', event: 'Product Viewed', messageId: 'segment-node-400' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(responses.map((r) => r.status)).toEqual([400]);
  });

  it('@rudderstack/rudder-sdk-node (gzip): an order reaches TikTok with its id, hashed identities, click ids, contents and value, and no server IP', async () => {
    const ws = await ingestWorkspace(api.http, 'rudder-node', sandbox);
    const rudder = new RudderAnalytics(ws.ingestKey, { dataPlaneUrl: apiUrl, flushAt: 1, logLevel: 'error' });
    // Its default: the body goes gzip-encoded.
    expect((rudder as unknown as { gzip: boolean }).gzip).toBe(true);
    await new Promise<void>((resolve, reject) =>
      rudder.track(
        {
          // Typed without messageId, but the SDK keeps one it is given.
          ...({ messageId: 'rudder-node-order-1' } as object),
          userId: 'rudder-customer',
          anonymousId: 'rudder-anon',
          event: 'Order Completed',
          properties: {
            order_id: 'rudder-order',
            value: 30,
            currency: 'EUR',
            ttclid: 'E.C.P.ruddernode',
            products: [{ product_id: 'r-1', name: 'Lamp', price: 30, quantity: 1, contentType: 'product_group' }],
          },
          context: { traits: { email: 'Rudder@Example.com' } },
          integrations: { All: true, 'TikTok Conversions': { ttp: 'ttp-ruddernode' } },
        },
        (error?: Error) => (error ? reject(error) : resolve()),
      ),
    );
    await rudder.flush();

    const order = await delivered(ws, 'rudder-node-order-1');
    expect(order).toMatchObject({
      event: 'CompletePayment',
      event_id: 'rudder-node-order-1',
      user: { email: [sha('rudder@example.com')], external_id: [sha('rudder-customer')], ttclid: 'E.C.P.ruddernode', ttp: 'ttp-ruddernode' },
      properties: {
        value: 30,
        currency: 'EUR',
        order_id: 'rudder-order',
        contents: [{ content_id: 'r-1', content_name: 'Lamp', price: 30, quantity: 1, content_type: 'product_group' }],
      },
    });
    expect(order.user?.ip).toBeUndefined();
    expect(order.user?.user_agent).toBeUndefined();
  });
});
