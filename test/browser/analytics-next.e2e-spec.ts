import { Page } from 'playwright-core';
import { TikTokEvent } from '@app/tiktok';
import { deliveredEvent, DeliveryStack, IngestWorkspace, ingestWorkspace, sha256Hex as sha, startDeliveryStack, TestSandbox } from '@app/testing';
import { AnalyticsNextSite } from './analytics-next-site';
import { HeadlessChromium, SITE_DOMAIN } from './headless-chromium';

interface SentRequest {
  path: string;
  method: string;
  authorization?: string;
}

// Runs analytics.js's call in the page and returns the messageId it sent.
function call(page: Page, method: 'page' | 'track' | 'identify', ...args: unknown[]): Promise<string> {
  return page.evaluate(
    // analytics.js lives on the page's window.
    async ([m, a]) => (await (globalThis as any).analytics[m as string](...(a as unknown[]))).event.messageId as string,
    [method, args] as const,
  );
}

// @segment/analytics-next in headless Chromium: settings from TrackLayer, events to /v1/t... and,
// in batching mode, to /v1/b, all the way to the TikTok sandbox.
describe('analytics.js (analytics-next) in headless Chromium (drop-in)', () => {
  let stack: DeliveryStack;
  let sandbox: TestSandbox;
  let chromium: HeadlessChromium;
  let site: AnalyticsNextSite;
  let ws: IngestWorkspace;
  let apiUrl: string;

  beforeAll(async () => {
    stack = await startDeliveryStack({}, { listen: true });
    sandbox = stack.sandbox;
    apiUrl = stack.url as string;
    ws = await ingestWorkspace(stack.api.http, 'analytics-next', sandbox);
    site = await AnalyticsNextSite.start(apiUrl, ws.ingestKey);
    chromium = await HeadlessChromium.launch();
  });
  afterAll(async () => {
    await chromium?.close();
    await site?.close();
    await stack?.close();
  });

  const delivered = (eventId: string): Promise<TikTokEvent> => deliveredEvent(sandbox, ws.pixel?.pixelCode, (e) => e.event_id === eventId);

  async function open(url: string): Promise<{ page: Page; sent: SentRequest[]; problems: string[]; close: () => Promise<void> }> {
    const watched = await chromium.open();
    const sent: SentRequest[] = [];
    watched.page.on('request', (request) => {
      if (!request.url().startsWith(apiUrl)) return;
      sent.push({ path: new URL(request.url()).pathname, method: request.method(), authorization: request.headers()['authorization'] });
    });
    await watched.page.goto(url);
    await watched.page.waitForFunction(() => typeof (globalThis as { analytics?: unknown }).analytics === 'object');
    return { page: watched.page, sent, problems: watched.problems, close: () => watched.context.close() };
  }

  it('loads its settings from TrackLayer and sends page, identify and track to /v1/p, /v1/i, /v1/t; the events reach TikTok', async () => {
    const shop = await open(site.url(`www.${SITE_DOMAIN}`, '/landing?ttclid=E.C.P.analyticsnext'));
    const pageId = await call(shop.page, 'page');
    // The purchase happens on a later page without the ttclid: TrackLayer restores it from the
    // anonymous id analytics.js keeps in its cookie.
    await shop.page.goto(site.url(`www.${SITE_DOMAIN}`, '/checkout'));
    await shop.page.waitForFunction(() => typeof (globalThis as { analytics?: unknown }).analytics === 'object');
    await call(shop.page, 'identify', 'customer-next', { email: 'Next@Example.com' });
    const ttp = await shop.page.evaluate(() => (globalThis as unknown as { ttp: () => string }).ttp());
    const orderId = await call(
      shop.page,
      'track',
      'Order Completed',
      {
        order_id: 'next-order-1',
        revenue: 64,
        currency: 'USD',
        products: [
          { product_id: 'n-1', name: 'Kettle', price: 40, quantity: 1, category: 'Kitchen' },
          { product_id: 'n-2', name: 'Tea', price: 12, quantity: 2 },
        ],
      },
      { context: { traits: { email: 'Next@Example.com' } }, integrations: { 'TikTok Conversions': { ttp } } },
    );

    expect(shop.sent.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([`GET /v1/projects/${ws.ingestKey}/settings`, 'POST /v1/p', 'POST /v1/i', 'POST /v1/t']),
    );
    const pageView = await delivered(pageId);
    expect(pageView).toMatchObject({
      event: 'Pageview',
      event_id: pageId,
      user: { ttclid: 'E.C.P.analyticsnext', user_agent: expect.stringContaining('Chrome'), ip: '127.0.0.1' },
      page: { url: expect.stringContaining('ttclid=E.C.P.analyticsnext') },
    });

    const order = await delivered(orderId);
    expect(order).toMatchObject({
      event: 'CompletePayment',
      event_id: orderId,
      user: {
        email: [sha('next@example.com')],
        external_id: [sha('customer-next')],
        ttclid: 'E.C.P.analyticsnext',
        ttp: 'ttp-analytics-next',
        user_agent: expect.stringContaining('Chrome'),
      },
      page: { url: expect.stringContaining('/checkout') },
      properties: {
        value: 64,
        currency: 'USD',
        order_id: 'next-order-1',
        contents: [
          { content_id: 'n-1', content_name: 'Kettle', content_category: 'Kitchen', price: 40, quantity: 1 },
          { content_id: 'n-2', content_name: 'Tea', price: 12, quantity: 2 },
        ],
      },
    });
    expect(shop.problems).toEqual([]);
    await shop.close();
  });

  it('in batching mode sends to /v1/b with the key as Basic auth (which takes a CORS preflight)', async () => {
    const shop = await open(site.url(`www.${SITE_DOMAIN}`, '/landing?batching=1&ttclid=E.C.P.batched'));
    const [pageId, trackId] = await Promise.all([
      call(shop.page, 'page'),
      call(shop.page, 'track', 'Product Added', { product_id: 'b-1', name: 'Cup', price: 8, quantity: 3, currency: 'USD', value: 24 }),
    ]);
    expect((await delivered(pageId)).user?.ttclid).toBe('E.C.P.batched');
    expect(await delivered(trackId)).toMatchObject({
      event: 'AddToCart',
      user: { ttclid: 'E.C.P.batched' },
      properties: { value: 24, currency: 'USD', contents: [{ content_id: 'b-1', content_name: 'Cup', price: 8, quantity: 3 }] },
    });
    const batches = shop.sent.filter((r) => r.path === '/v1/b' && r.method === 'POST');
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches[0].authorization).toBe(`Basic ${Buffer.from(`${ws.ingestKey}:`).toString('base64')}`);
    expect(shop.sent.some((r) => r.path === '/v1/t')).toBe(false);
    expect(shop.problems).toEqual([]);
    await shop.close();
  });
});
