import { createHash } from 'node:crypto';
import { Page } from 'playwright-core';
import { TikTokEvent } from '@app/tiktok';
import { bearer, createTestApp, createTestWorker, FAST_DELIVERY, IngestWorkspace, ingestWorkspace, TestApp, TestSandbox, TestWorker, waitFor } from '@app/testing';
import { HeadlessChromium, SITE_DOMAIN } from './headless-chromium';
import { TestSite } from './test-site';

const UUID = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;
const DAY = 86_400;

// Calls window.tracklayer[method](...args) in the page and returns the result.
function sdk<T = string>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([m, a]) => (globalThis as any).tracklayer[m as string](...(a as unknown[])), [method, args] as const);
}

async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (globalThis as any).tracklayer?.anonymousId === 'function');
}

describe('tracklayer.js in headless Chromium (site + api + worker + sandbox)', () => {
  let sandbox: TestSandbox;
  let api: TestApp;
  let worker: TestWorker;
  let chromium: HeadlessChromium;
  let site: TestSite;
  let ws: IngestWorkspace;
  let sdkUrl: string;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    api = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, ...FAST_DELIVERY });
    await api.app.listen(0, '127.0.0.1');
    sdkUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}/v1/sdk.js`;
    worker = await createTestWorker(api, FAST_DELIVERY);
    ws = await ingestWorkspace(api.http, 'browser', sandbox);
    site = await TestSite.start(sdkUrl, ws.ingestKey);
    chromium = await HeadlessChromium.launch();
  });
  afterAll(async () => {
    await chromium?.close();
    await site?.close();
    await worker?.close();
    await api?.close();
    await sandbox?.close();
  });

  const debugged = async (eventId: string) =>
    (
      await waitFor(
        async () => (await api.http.get(`/v1/workspaces/${ws.workspaceId}/events?eventId=${encodeURIComponent(eventId)}`).set(bearer(ws.token))).body,
        (body) => Array.isArray(body) && body.length === 1,
      )
    )[0];
  const delivered = async (eventId: string): Promise<TikTokEvent> =>
    (await waitFor(
      () => sandbox.deliveredEvents(ws.pixel?.pixelCode as string),
      (events) => events.some((e) => e.event_id === eventId),
    )).find((e) => e.event_id === eventId) as TikTokEvent;

  it('serves the snippet publicly with long caching, an ETag, 304 on If-None-Match, and gzip', async () => {
    const plain = await api.http.get('/v1/sdk.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toMatch(/^public, max-age=86400\b/);
    expect(plain.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(plain.headers['etag']).toMatch(/^"[\w-]{27}"$/);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const script = plain.text;
    expect(script).toContain('tl_aid');

    const zipped = await api.http
      .get('/v1/sdk.js')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toMatch(/accept-encoding/i);
    expect(zipped.headers['etag']).toBe(plain.headers['etag'].replace(/"$/, '-gz"'));
    // superagent has already gunzipped the body; the length on the wire is the compressed one.
    expect(Number(zipped.headers['content-length'])).toBeLessThan(4096);
    expect(Number(zipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(script) / 1.5);
    expect((zipped.body as Buffer).toString('utf8')).toBe(script);

    const notModified = await api.http.get('/v1/sdk.js').set('If-None-Match', plain.headers['etag']).expect(304);
    expect(notModified.headers['etag']).toBeDefined();
    expect(notModified.text ?? '').toBe('');
    await api.http.get('/v1/sdk.js').set('If-None-Match', `W/${zipped.headers['etag']}`).expect(304);
    await api.http.get('/v1/sdk.js').set('If-None-Match', '"stale"').expect(200);
  });

  it('carries the landing ttclid and the pixel _ttp to a purchase on a later page, under the event_id the page got back', async () => {
    const { context, page, problems, ingestRequests } = await chromium.open();
    await page.goto(site.url('127.0.0.1', '/landing?ttclid=E.C.P.test'));
    await loaded(page);
    // What TikTok's pixel does on the landing page.
    await page.evaluate(() => ((globalThis as any).document.cookie = '_ttp=ttp-e2e-1; path=/; max-age=3600'));
    const landingVisitor = await sdk(page, 'anonymousId');
    expect(landingVisitor).toMatch(UUID);

    // A later visit (no referrer, no parameter): only the cookie still knows the click.
    await page.goto(site.url('127.0.0.1', '/product/1'));
    await loaded(page);
    expect(await sdk(page, 'anonymousId')).toBe(landingVisitor);
    const eventId = await sdk(page, 'track', 'purchase', { value: 42, currency: 'USD', order_id: 'A1' }, { email: 'Ada@Example.com' });
    expect(eventId).toMatch(UUID);

    const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
    const now = Date.now() / 1000;
    expect(cookies.ttclid).toMatchObject({ value: 'E.C.P.test', path: '/', sameSite: 'Lax', secure: false, httpOnly: false, domain: '127.0.0.1' });
    expect(cookies.ttclid.expires).toBeGreaterThan(now + 30 * DAY - 60);
    expect(cookies.ttclid.expires).toBeLessThan(now + 30 * DAY + 60);
    expect(cookies.tl_aid).toMatchObject({ value: landingVisitor, path: '/', sameSite: 'Lax' });
    expect(cookies.tl_aid.expires).toBeGreaterThan(now + 365 * DAY - 60);

    const seen = await debugged(eventId);
    expect(seen).toMatchObject({ eventId, eventName: 'purchase', ttclidRestored: false, ttpRestored: false });
    expect(seen.event).toMatchObject({
      anonymousId: landingVisitor,
      user: { ttclid: 'E.C.P.test', ttp: 'ttp-e2e-1' },
      page: { url: site.url('127.0.0.1', '/product/1') },
      properties: { value: 42, currency: 'USD', orderId: 'A1' },
      clickIds: { ttclidSource: 'cookie', ttpSource: 'cookie' },
    });

    const sent = await delivered(eventId);
    expect(sent).toMatchObject({
      event: 'CompletePayment',
      event_id: eventId,
      user: {
        ttclid: 'E.C.P.test',
        ttp: 'ttp-e2e-1',
        email: [createHash('sha256').update('ada@example.com').digest('hex')],
        user_agent: expect.stringContaining('Chrome'),
      },
    });
    // One beacon: text/plain with the key in the URL, since sendBeacon cannot set headers.
    expect(ingestRequests).toEqual([
      {
        url: `${sdkUrl.replace('sdk.js', 'ingest')}?key=${encodeURIComponent(ws.ingestKey)}`,
        method: 'POST',
        resourceType: 'ping',
        contentType: expect.stringMatching(/^text\/plain/),
        authorization: undefined,
      },
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shares the click and the visitor across subdomains through cookies on the registrable domain', async () => {
    const { context, page, problems } = await chromium.open();
    await page.goto(site.url(`www.${SITE_DOMAIN}`, '/landing?ttclid=E.C.P.sub'));
    await loaded(page);
    const visitor = await sdk(page, 'anonymousId');
    const cookies = (await context.cookies()).map((c) => `${c.name}@${c.domain}`).sort();
    expect(cookies).toEqual([`_fbp@.${SITE_DOMAIN}`, `tl_aid@.${SITE_DOMAIN}`, `ttclid@.${SITE_DOMAIN}`]);

    await page.goto(site.url(`checkout.${SITE_DOMAIN}`, '/pay'));
    await loaded(page);
    expect(await sdk(page, 'anonymousId')).toBe(visitor);
    const eventId = await sdk(page, 'track', 'purchase', { value: 7, currency: 'USD' });
    const seen = await debugged(eventId);
    expect(seen.event).toMatchObject({ anonymousId: visitor, user: { ttclid: 'E.C.P.sub' }, clickIds: { ttclidSource: 'cookie' } });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('takes the ttclid and the visitor to another domain through a decorated link', async () => {
    const { context, page, problems } = await chromium.open();
    await page.goto(site.url('127.0.0.1', '/landing?ttclid=E.C.P.cross'));
    await loaded(page);
    const visitor = await sdk(page, 'anonymousId');
    const checkout = await sdk(page, 'decorate', site.url('localhost', '/checkout'));
    expect(checkout).toMatch(new RegExp(`^http://localhost:${site.port}/checkout\\?ttclid=E\\.C\\.P\\.cross&_fbp=fb\\.0\\.\\d+\\.\\d+&tl_aid=${visitor}\\.[\\da-z]+$`));
    await page.evaluate((href) => ((globalThis as any).document.getElementById('next').href = href), checkout);
    await Promise.all([page.waitForURL(/^http:\/\/localhost:/), page.click('#next')]);
    await loaded(page);
    expect(await sdk(page, 'anonymousId')).toBe(visitor);

    // A later page on the second domain, without any parameter: its own cookies carry on.
    await page.goto(site.url('localhost', '/thanks'));
    await loaded(page);
    const localhostCookies = Object.fromEntries((await context.cookies(site.url('localhost', '/'))).map((c) => [c.name, c.value]));
    expect(localhostCookies).toMatchObject({ ttclid: 'E.C.P.cross', tl_aid: visitor });
    const eventId = await sdk(page, 'track', 'purchase', { value: 10, currency: 'EUR' });

    const seen = await debugged(eventId);
    expect(seen.event).toMatchObject({ anonymousId: visitor, user: { ttclid: 'E.C.P.cross' }, clickIds: { ttclidSource: 'cookie' } });
    expect((await delivered(eventId)).user).toMatchObject({ ttclid: 'E.C.P.cross' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('restores the ttclid on the other domain from the shared anonymous id alone, without an email', async () => {
    const { context, page, problems } = await chromium.open();
    await page.goto(site.url('127.0.0.1', '/landing?ttclid=E.C.P.restore'));
    await loaded(page);
    const viewed = await sdk(page, 'track', 'view_item', { contents: [{ content_id: 'sku-1' }] });
    await debugged(viewed);
    // A checkout hop that kept only TrackLayer's parameter and dropped the ttclid.
    const decorated = new URL(await sdk(page, 'decorate', site.url('localhost', '/checkout')));
    decorated.searchParams.delete('ttclid');
    await page.goto(decorated.toString());
    await loaded(page);
    const eventId = await sdk(page, 'track', 'purchase', { value: 5, currency: 'USD' });
    expect((await context.cookies(site.url('localhost', '/'))).map((c) => c.name)).not.toContain('ttclid');

    const seen = await debugged(eventId);
    expect(seen).toMatchObject({ ttclidRestored: true });
    expect(seen.event).toMatchObject({ anonymousId: await sdk(page, 'anonymousId'), user: { ttclid: 'E.C.P.restore' } });
    expect((await delivered(eventId)).user).toMatchObject({ ttclid: 'E.C.P.restore' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps Meta's click in _fbc (fb.<index>.<first seen ms>.<fbclid>, 90 days), makes an _fbp, and sends both raw with each event", async () => {
    const { context, page, problems } = await chromium.open();
    const before = Date.now();
    await page.goto(site.url(`www.${SITE_DOMAIN}`, '/landing?fbclid=IwAR_E2e-Click1&ttclid=E.C.P.meta'));
    await loaded(page);
    const jar = async () => Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
    const landed = await jar();
    // Written on shop.test: subdomain index 1, as Meta's pixel writes it.
    expect(landed._fbc).toMatchObject({ domain: `.${SITE_DOMAIN}`, path: '/', sameSite: 'Lax' });
    expect(landed._fbc.value).toMatch(/^fb\.1\.\d{13}\.IwAR_E2e-Click1$/);
    const firstSeen = Number(landed._fbc.value.split('.')[2]);
    expect(firstSeen).toBeGreaterThanOrEqual(before);
    expect(landed._fbc.expires).toBeGreaterThan(Date.now() / 1000 + 90 * DAY - 60);
    expect(landed._fbc.expires).toBeLessThan(Date.now() / 1000 + 90 * DAY + 60);
    expect(landed._fbp.value).toMatch(/^fb\.1\.\d{13}\.\d{1,10}$/);
    expect(Number(landed._fbp.value.split('.')[3])).toBeLessThan(2 ** 31);

    // The same ad click again (a reload, a shared landing URL): the first time seen stays.
    await page.goto(site.url(`www.${SITE_DOMAIN}`, '/landing?fbclid=IwAR_E2e-Click1'));
    await loaded(page);
    expect((await jar())._fbc.value).toBe(landed._fbc.value);
    expect((await jar())._fbp.value).toBe(landed._fbp.value);

    const eventId = await sdk(page, 'track', 'purchase', { value: 12, currency: 'USD' });
    const seen = await debugged(eventId);
    expect(seen.event).toMatchObject({
      user: { fbc: landed._fbc.value, fbp: landed._fbp.value, ttclid: 'E.C.P.meta' },
      clickIds: { fbcSource: 'cookie', fbpSource: 'cookie' },
    });
    // TikTok's delivery is untouched: Meta's ids are stored, not sent to TikTok.
    const sent = await delivered(eventId);
    expect(sent.user).toMatchObject({ ttclid: 'E.C.P.meta' });
    expect(Object.keys(sent.user ?? {}).sort()).toEqual(['ip', 'locale', 'ttclid', 'user_agent']);
    expect(JSON.stringify(sent)).not.toContain(landed._fbc.value);
    expect(JSON.stringify(sent)).not.toContain(landed._fbp.value);

    // A new ad click replaces the click id, with a new creation time.
    await page.goto(site.url(`checkout.${SITE_DOMAIN}`, '/landing?fbclid=IwAR_E2e-Click2'));
    await loaded(page);
    const replaced = (await jar())._fbc.value;
    expect(replaced).toMatch(/^fb\.1\.\d{13}\.IwAR_E2e-Click2$/);
    expect(Number(replaced.split('.')[2])).toBeGreaterThanOrEqual(firstSeen);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('takes fbclid, _fbc and _fbp to another domain through a decorated link, keeping the first-seen time', async () => {
    const { context, page, problems } = await chromium.open();
    await page.goto(site.url('127.0.0.1', '/landing?fbclid=IwAR_Cross-1'));
    await loaded(page);
    const here = Object.fromEntries((await context.cookies(site.url('127.0.0.1', '/'))).map((c) => [c.name, c.value]));
    // A host-only cookie on an IP address: subdomain index 0.
    expect(here._fbc).toMatch(/^fb\.0\.\d{13}\.IwAR_Cross-1$/);
    const link = await sdk(page, 'decorate', site.url('localhost', '/checkout'));
    const params = new URL(link).searchParams;
    expect(params.get('fbclid')).toBe('IwAR_Cross-1');
    expect(params.get('_fbc')).toBe(here._fbc);
    expect(params.get('_fbp')).toBe(here._fbp);

    await page.evaluate((href) => ((globalThis as any).document.getElementById('next').href = href), link);
    await Promise.all([page.waitForURL(/^http:\/\/localhost:/), page.click('#next')]);
    await loaded(page);
    const there = Object.fromEntries((await context.cookies(site.url('localhost', '/'))).map((c) => [c.name, c.value]));
    expect(there).toMatchObject({ _fbc: here._fbc, _fbp: here._fbp });
    const eventId = await sdk(page, 'track', 'lead', {});
    expect((await debugged(eventId)).event).toMatchObject({ user: { fbc: here._fbc, fbp: here._fbp } });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('still sends events when the page blocks cookies, with the ttclid from the URL and no console errors', async () => {
    const { context, page, problems } = await chromium.open(() => {
      // What sandboxed frames and strict privacy settings do to document.cookie.
      const blocked = () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      };
      Object.defineProperty((globalThis as any).Document.prototype, 'cookie', { configurable: true, get: blocked, set: blocked });
    });
    await page.goto(site.url('127.0.0.1', '/landing?ttclid=E.C.P.nocookie'));
    await loaded(page);
    const eventId = await sdk(page, 'track', 'purchase', { value: 3, currency: 'USD' });
    expect(eventId).toMatch(UUID);
    expect(await context.cookies()).toEqual([]);

    const seen = await debugged(eventId);
    expect(seen.event).toMatchObject({
      anonymousId: await sdk(page, 'anonymousId'),
      user: { ttclid: 'E.C.P.nocookie' },
      clickIds: { ttclidSource: 'url' },
    });
    expect((await delivered(eventId)).user).toMatchObject({ ttclid: 'E.C.P.nocookie' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('falls back to fetch with keepalive (a CORS request) where sendBeacon is missing', async () => {
    const { context, page, problems, ingestRequests } = await chromium.open(() => {
      delete (globalThis as any).Navigator.prototype.sendBeacon;
    });
    await page.goto(site.url('127.0.0.1', '/landing?ttclid=E.C.P.fetch'));
    await loaded(page);
    const eventId = await sdk(page, 'track', 'purchase', { value: 4, currency: 'USD' });
    expect((await debugged(eventId)).event).toMatchObject({ user: { ttclid: 'E.C.P.fetch' } });
    expect(ingestRequests).toEqual([expect.objectContaining({ method: 'POST', resourceType: 'fetch', contentType: 'text/plain' })]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs calls queued by the inline stub before the script loaded', async () => {
    const { context, page, problems } = await chromium.open();
    const queuedId = `queued-${Date.now()}`;
    await page.goto(site.url('127.0.0.1', `/queued/${queuedId}?ttclid=E.C.P.queued`));
    await loaded(page);

    const seen = await debugged(queuedId);
    expect(seen.event).toMatchObject({ eventName: 'add_to_cart', user: { ttclid: 'E.C.P.queued', externalId: [expect.stringMatching(/^[\da-f]{64}$/)] } });
    expect((await delivered(queuedId)).event).toBe('AddToCart');
    expect(problems).toEqual([]);
    await context.close();
  });
});
