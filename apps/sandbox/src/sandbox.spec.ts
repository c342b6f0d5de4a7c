import { HeldRequestRegistry } from './held-request.registry';
import { RunningSandbox, startSandbox } from './sandbox.bootstrap';

const PIXEL = 'CSANDBOXPIXEL0000001';
const OTHER_PIXEL = 'CSANDBOXPIXEL0000002';
const TOKEN = 'token-for-pixel-1';
const OTHER_TOKEN = 'token-for-pixel-2';
const TRACK_PATH = '/open_api/v1.3/event/track/';
const HASH = 'b'.repeat(64);
const HOLD_MS = 1500;

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

interface TikTokBody {
  code: number;
  message: string;
  request_id: string;
  data: unknown;
}

describe('the sandbox over HTTP', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeoutMs: HOLD_MS });
    await admin('POST', '/sandbox/pixels', { pixelCode: PIXEL, accessToken: TOKEN });
    await admin('POST', '/sandbox/pixels', { pixelCode: OTHER_PIXEL, accessToken: OTHER_TOKEN });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(async () => {
    await admin('DELETE', '/sandbox/faults');
    await admin('DELETE', '/sandbox/events');
  });

  function admin(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  function track(body: unknown, token: string | null = TOKEN, init: RequestInit = {}, path = TRACK_PATH): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers['access-token'] = token;
    return fetch(`${sandbox.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body), ...init });
  }

  async function trackBody(body: unknown, token: string | null = TOKEN): Promise<TikTokBody> {
    const response = await track(body, token);
    expect(response.status).toBe(200);
    return (await response.json()) as TikTokBody;
  }

  function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { event: 'CompletePayment', event_time: 1_700_000_000, event_id: 'order-1', ...overrides };
  }

  function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { event_source: 'web', event_source_id: PIXEL, data: [event()], ...overrides };
  }

  async function eventsOf(query: string): Promise<{ events: Array<Record<string, unknown>>; count: number }> {
    const response = await admin('GET', `/sandbox/events?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { events: Array<Record<string, unknown>>; count: number };
  }

  async function requestsOf(pixelCode: string): Promise<Array<Record<string, unknown>>> {
    const response = await admin('GET', `/sandbox/requests?pixelCode=${pixelCode}`);
    return ((await response.json()) as { requests: Array<Record<string, unknown>> }).requests;
  }

  it('answers /health', async () => {
    const response = await admin('GET', '/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  describe('success', () => {
    it('accepts a batch and stores its events with the top-level test_event_code', async () => {
      const body = await trackBody(
        payload({
          test_event_code: 'TEST42',
          data: [event({ event_id: 'a', user: { email: HASH, ttclid: 'E.C.P.x' } }), event({ event_id: 'b' })],
        }),
      );
      expect(body).toEqual({ code: 0, message: 'OK', request_id: expect.any(String), data: {} });

      const stored = await eventsOf(`pixelCode=${PIXEL}&testEventCode=TEST42`);
      expect(stored.count).toBe(2);
      expect(stored.events.map((e) => (e.event as { event_id: string }).event_id)).toEqual(['a', 'b']);
      expect(stored.events[0]).toMatchObject({
        pixelCode: PIXEL,
        testEventCode: 'TEST42',
        requestId: body.request_id,
        receivedAt: expect.any(String),
        event: { event: 'CompletePayment', user: { email: HASH, ttclid: 'E.C.P.x' } },
      });
      expect((await eventsOf('testEventCode=OTHER')).count).toBe(0);

      const newest = await eventsOf(`pixelCode=${PIXEL}&limit=1`);
      expect(newest.events.map((e) => (e.event as { event_id: string }).event_id)).toEqual(['b']);
    });

    it('accepts the path without a trailing slash', async () => {
      const response = await track(payload(), TOKEN, {}, '/open_api/v1.3/event/track');
      expect(((await response.json()) as TikTokBody).code).toBe(0);
    });

    it('gives every request a unique request_id', async () => {
      const ids = await Promise.all([1, 2, 3, 4, 5].map(async () => (await trackBody(payload())).request_id));
      expect(new Set(ids).size).toBe(5);
    });

    it('logs each request with its batch size and empties the logs on DELETE /sandbox/events', async () => {
      await trackBody(payload({ data: [event(), event(), event()] }));
      await trackBody(payload({ data: [event({ event_id: 7 })] }));
      const requests = await requestsOf(PIXEL);
      expect(requests).toEqual([
        expect.objectContaining({ pixelCode: PIXEL, httpStatus: 200, code: 0, eventCount: 3 }),
        expect.objectContaining({ pixelCode: PIXEL, httpStatus: 200, code: 40002, eventCount: 1 }),
      ]);

      const cleared = await admin('DELETE', '/sandbox/events');
      expect(cleared.status).toBe(204);
      expect(await requestsOf(PIXEL)).toEqual([]);
      expect((await eventsOf(`pixelCode=${PIXEL}`)).count).toBe(0);
    });
  });

  describe('credentials', () => {
    it('answers 40104 without an Access-Token', async () => {
      const body = await trackBody(payload(), null);
      expect(body.code).toBe(40104);
      expect(body.message).toMatch(/access token is empty/i);
      expect(body.data).toEqual({});
    });

    it('answers 40105 for a token nobody registered', async () => {
      const body = await trackBody(payload(), 'not-a-real-token');
      expect(body.code).toBe(40105);
      expect(body.message).toMatch(/access token is invalid/i);
    });

    it('answers 40001 for the token of another pixel', async () => {
      const body = await trackBody(payload(), OTHER_TOKEN);
      expect(body.code).toBe(40001);
      expect(body.message).toContain(PIXEL);
    });

    it('answers 40001 for an unknown pixel code', async () => {
      const body = await trackBody(payload({ event_source_id: 'CUNKNOWNPIXEL' }));
      expect(body.code).toBe(40001);
      expect(body.message).toContain('CUNKNOWNPIXEL');
    });

    it('lets one pixel hold several tokens', async () => {
      await admin('POST', '/sandbox/pixels', { pixelCode: PIXEL, accessToken: 'second-token' });
      expect((await trackBody(payload(), 'second-token')).code).toBe(0);
      expect((await trackBody(payload(), TOKEN)).code).toBe(0);
    });

    it('answers 40002 for the invalid_parameter fault, once', async () => {
      await admin('POST', '/sandbox/faults', { mode: 'invalid_parameter', count: 1 });
      const body = await trackBody(payload());
      expect(body.code).toBe(40002);
      expect(body.message).toContain('Invalid parameter');
      expect((await trackBody(payload())).code).toBe(0);
    });

    it('answers a slow fault normally, after SANDBOX_SLOW_MS', async () => {
      await admin('POST', '/sandbox/faults', { mode: 'slow', count: 1 });
      const started = Date.now();
      const body = await trackBody(payload());
      expect(body.code).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      const { requests } = (await (await admin('GET', '/sandbox/requests')).json()) as { requests: Array<{ fault: string | null }> };
      expect(requests[requests.length - 1].fault).toBe('slow');
    });

    it('answers 40105 for a token revoked through DELETE /sandbox/tokens/:token', async () => {
      await admin('POST', '/sandbox/pixels', { pixelCode: PIXEL, accessToken: 'doomed-token' });
      expect((await trackBody(payload(), 'doomed-token')).code).toBe(0);
      await admin('DELETE', '/sandbox/tokens/doomed-token');
      expect((await trackBody(payload(), 'doomed-token')).code).toBe(40105);
      expect((await trackBody(payload(), TOKEN)).code).toBe(0);
    });
  });

  describe('payload validation', () => {
    it('answers 40002 naming data[0].event_id for a numeric event_id', async () => {
      const body = await trackBody(payload({ data: [event({ event_id: 12345 })] }));
      expect(body.code).toBe(40002);
      expect(body.message).toContain('data[0].event_id');
    });

    it('answers 40002 for a numeric content_id', async () => {
      const body = await trackBody(payload({ data: [event({ properties: { contents: [{ content_id: 99 }] } })] }));
      expect(body.code).toBe(40002);
      expect(body.message).toContain('data[0].properties.contents[0].content_id');
    });

    it('answers 40002 for event_time in milliseconds', async () => {
      const body = await trackBody(payload({ data: [event(), event({ event_time: 1_700_000_000_000 })] }));
      expect(body.code).toBe(40002);
      expect(body.message).toContain('data[1].event_time');
    });

    it('answers 40062 for an unhashed email', async () => {
      const body = await trackBody(payload({ data: [event({ user: { email: 'jane@example.com' } })] }));
      expect(body.code).toBe(40062);
      expect(body.message).toContain('data[0].user.email');
    });

    it('answers 40061 for 1001 events', async () => {
      const body = await trackBody(payload({ data: Array.from({ length: 1001 }, (_, i) => event({ event_id: `e${i}` })) }));
      expect(body.code).toBe(40061);
    });

    it('answers 40000 for a body that is not JSON', async () => {
      const response = await fetch(`${sandbox.url}${TRACK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'access-token': TOKEN },
        body: '{"event_source":',
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as TikTokBody).code).toBe(40000);
    });

    it('stores nothing from a rejected batch', async () => {
      await trackBody(payload({ data: [event({ event_id: 'good' }), event({ event_id: 5 })] }));
      expect((await eventsOf(`pixelCode=${PIXEL}`)).count).toBe(0);
    });
  });

  describe('faults', () => {
    it('answers 40100 for a rate_limit fault, then succeeds', async () => {
      expect((await admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode: 'rate_limit', count: 1 })).status).toBe(201);
      const limited = await trackBody(payload());
      expect(limited.code).toBe(40100);
      expect(limited.message).toMatch(/too many requests/i);
      expect((await trackBody(payload())).code).toBe(0);
      expect((await eventsOf(`pixelCode=${PIXEL}`)).count).toBe(1);
    });

    it('answers 50000 for server_error faults, one per request', async () => {
      await admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode: 'server_error', count: 2 });
      expect((await trackBody(payload())).code).toBe(50000);
      expect((await trackBody(payload())).code).toBe(50000);
      expect((await trackBody(payload())).code).toBe(0);
    });

    it('answers HTTP 500 with an HTML body for an http_500 fault', async () => {
      await admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode: 'http_500', count: 1 });
      const response = await track(payload());
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toBe('<html><body><h1>500 Internal Server Error</h1></body></html>');
      expect((await trackBody(payload())).code).toBe(0);
    });

    it('holds the request for a timeout fault so the client gives up', async () => {
      await admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode: 'timeout', count: 1 });
      const started = Date.now();
      await expect(track(payload(), TOKEN, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(HOLD_MS);
      expect((await trackBody(payload())).code).toBe(0);
      expect((await requestsOf(PIXEL)).map((r) => r.fault)).toEqual(['timeout', null]);
      // The hang-up releases the held request at once instead of leaving its timer running.
      expect(sandbox.app.get(HeldRequestRegistry).size).toBe(0);
    });

    it('answers 504 once the hold ends for a client that waits', async () => {
      await admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode: 'timeout', count: 1 });
      const started = Date.now();
      const response = await track(payload());
      expect(response.status).toBe(504);
      expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 50);
      expect((await eventsOf(`pixelCode=${PIXEL}`)).count).toBe(0);
    });

    it('closes without waiting out a held request', async () => {
      const slow = await startSandbox({ port: 0, timeoutMs: 30_000 });
      await fetch(`${slow.url}/sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'timeout', count: 1 }),
      });
      const held = fetch(`${slow.url}${TRACK_PATH}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      await waitFor(() => slow.app.get(HeldRequestRegistry).size === 1);
      const started = Date.now();
      await slow.close();
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await held).status).toBe(504);
    });

    it('applies a pixel fault only to that pixel and a global fault to any pixel', async () => {
      await admin('POST', '/sandbox/faults', { pixelCode: OTHER_PIXEL, mode: 'rate_limit', count: 1 });
      expect((await trackBody(payload())).code).toBe(0);
      expect((await trackBody(payload({ event_source_id: OTHER_PIXEL }), OTHER_TOKEN)).code).toBe(40100);

      await admin('POST', '/sandbox/faults', { mode: 'server_error', count: 1 });
      expect((await trackBody(payload({ event_source_id: OTHER_PIXEL }), OTHER_TOKEN)).code).toBe(50000);
      expect((await trackBody(payload())).code).toBe(0);
    });

    it('consumes a fault before checking the token', async () => {
      await admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode: 'rate_limit', count: 1 });
      expect((await trackBody(payload(), 'bad-token')).code).toBe(40100);
    });

    it('clears pending faults on DELETE /sandbox/faults', async () => {
      await admin('POST', '/sandbox/faults', { mode: 'rate_limit', count: 5 });
      expect((await admin('DELETE', '/sandbox/faults')).status).toBe(204);
      expect((await trackBody(payload())).code).toBe(0);
    });

    it('does not apply faults to the admin endpoints', async () => {
      await admin('POST', '/sandbox/faults', { mode: 'http_500', count: 1 });
      expect((await admin('GET', '/health')).status).toBe(200);
      expect((await admin('GET', '/sandbox/events')).status).toBe(200);
      expect((await track(payload())).status).toBe(500);
    });
  });

  describe('admin validation', () => {
    it.each([
      [{ mode: 'explode', count: 1 }, 'mode'],
      [{ mode: 'rate_limit', count: 0 }, 'count'],
      [{ mode: 'rate_limit', count: 1.5 }, 'count'],
      [{ mode: 'rate_limit', count: '2' }, 'count'],
      [{ pixelCode: 7, mode: 'rate_limit', count: 1 }, 'pixelCode'],
    ])('rejects fault %p with 400 naming %s', async (body, field) => {
      const response = await admin('POST', '/sandbox/faults', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(field);
    });

    it.each([
      [{ accessToken: 't' }, 'pixelCode'],
      [{ pixelCode: 'P' }, 'accessToken'],
    ])('rejects pixel %p with 400 naming %s', async (body, field) => {
      const response = await admin('POST', '/sandbox/pixels', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(field);
    });

    it('registers a pixel idempotently with 201', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await admin('POST', '/sandbox/pixels', { pixelCode: 'CIDEMPOTENT', accessToken: 'idem' });
        expect(response.status).toBe(201);
        expect(await response.json()).toEqual({ pixelCode: 'CIDEMPOTENT' });
      }
    });
  });
});
