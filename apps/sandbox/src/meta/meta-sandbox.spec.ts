import { HeldRequestRegistry } from '../held-request.registry';
import { RunningSandbox, startSandbox } from '../sandbox.bootstrap';

const PIXEL = '1234567890123456';
const OTHER_PIXEL = '6543210987654321';
const TOKEN = 'EAAB-meta-sandbox-token-1';
const OTHER_TOKEN = 'EAAB-meta-sandbox-token-2';
const HASH = 'c'.repeat(64);
const HOLD_MS = 1500;
const TIKTOK_PIXEL = 'CMETASPECTIKTOK00001';

interface GraphError {
  error: { message: string; type: string; code: number; error_subcode?: number; is_transient: boolean; error_user_title?: string; error_user_msg?: string; fbtrace_id: string };
}

describe('the Meta side of the sandbox over HTTP', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeoutMs: HOLD_MS, slowMs: 300 });
    await register({ platform: 'meta', pixelId: PIXEL, accessToken: TOKEN });
    await register({ platform: 'meta', pixelId: OTHER_PIXEL, accessToken: OTHER_TOKEN });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(async () => {
    await call('DELETE', '/sandbox/faults');
    await call('DELETE', '/sandbox/meta/events');
  });

  async function register(body: Record<string, unknown>): Promise<Response> {
    const response = await call('POST', '/sandbox/pixels', body);
    expect(response.status).toBe(201);
    return response;
  }

  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${sandbox.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  function now(): number {
    return Math.floor(Date.now() / 1000);
  }

  function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      event_name: 'Purchase',
      event_time: now() - 60,
      action_source: 'website',
      event_id: 'order-1',
      event_source_url: 'https://shop.example/thanks',
      user_data: { em: [HASH], client_ip_address: '203.0.113.7', client_user_agent: 'Mozilla/5.0', fbc: 'fb.1.1764000000000.IwAR', fbp: 'fb.1.1.2' },
      custom_data: { value: 42.5, currency: 'USD', contents: [{ id: 'sku-1', quantity: 1, item_price: 42.5 }] },
      ...overrides,
    };
  }

  function send(body: unknown, token: string | null = TOKEN, pixel = PIXEL, version = 'v25.0'): Promise<Response> {
    return call('POST', `/${version}/${pixel}/events`, body, token === null ? {} : { authorization: `Bearer ${token}` });
  }

  async function graphError(response: Response, status = 400): Promise<GraphError['error']> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as GraphError;
    expect(body.error.fbtrace_id).toEqual(expect.any(String));
    return body.error;
  }

  async function received(query = `pixelId=${PIXEL}`): Promise<Array<Record<string, unknown>>> {
    const response = await call('GET', `/sandbox/meta/events?${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { events: Array<Record<string, unknown>> }).events;
  }

  async function requests(pixel = PIXEL): Promise<Array<Record<string, unknown>>> {
    return ((await (await call('GET', `/sandbox/meta/requests?pixelId=${pixel}`)).json()) as { requests: Array<Record<string, unknown>> }).requests;
  }

  describe('events', () => {
    it("answers {events_received, messages, fbtrace_id} and logs the events, newest last, by pixel and test_event_code", async () => {
      const response = await send({ data: [event({ event_id: 'a' }), event({ event_id: 'b' })], test_event_code: 'TEST42' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({ events_received: 2, messages: [], fbtrace_id: expect.any(String) });

      const events = await received(`pixelId=${PIXEL}&testEventCode=TEST42`);
      expect(events.map((e) => (e.event as { event_id: string }).event_id)).toEqual(['a', 'b']);
      expect(events[0]).toMatchObject({ pixelId: PIXEL, testEventCode: 'TEST42', fbtraceId: body.fbtrace_id, receivedAt: expect.any(String) });
      expect(await received('testEventCode=OTHER')).toEqual([]);
      expect((await received(`pixelId=${PIXEL}&limit=1`)).map((e) => (e.event as { event_id: string }).event_id)).toEqual(['b']);
    });

    it('takes the token from the Authorization header, the body or the query, and logs where it came from', async () => {
      expect((await send({ data: [event()] })).status).toBe(200);
      expect((await call('POST', `/v25.0/${PIXEL}/events`, { data: [event()], access_token: TOKEN })).status).toBe(200);
      expect((await call('POST', `/v25.0/${PIXEL}/events?access_token=${TOKEN}`, { data: [event()] })).status).toBe(200);
      expect((await call('POST', `/v25.0/${PIXEL}/events`, { data: [event()] }, { authorization: `OAuth ${TOKEN}` })).status).toBe(200);
      expect((await requests()).map((r) => r.tokenIn)).toEqual(['header', 'body', 'query', 'header']);
    });

    it('accepts data as a JSON string, as Meta\'s curl examples send it', async () => {
      expect((await send({ data: JSON.stringify([event()]) })).status).toBe(200);
    });

    it('logs each request with its version, status and codes, and empties the logs on DELETE', async () => {
      await send({ data: [event(), event()] }, TOKEN, PIXEL, 'v24.0');
      await send({ data: [event({ event_time: undefined })] });
      expect(await requests()).toEqual([
        expect.objectContaining({ method: 'POST', version: 'v24.0', pixelId: PIXEL, httpStatus: 200, code: null, eventCount: 2 }),
        expect.objectContaining({ version: 'v25.0', httpStatus: 400, code: 100, eventCount: 1 }),
      ]);
      expect((await call('DELETE', '/sandbox/meta/events')).status).toBe(204);
      expect(await requests()).toEqual([]);
      expect(await received()).toEqual([]);
    });
  });

  describe('credentials', () => {
    it('answers 104 without a token', async () => {
      expect(await graphError(await send({ data: [event()] }, null))).toMatchObject({ code: 104, type: 'OAuthException' });
    });

    it('answers 190 for an unknown token, before looking at the body', async () => {
      expect(await graphError(await send({ nothing: true }, 'EAAB-unknown'))).toMatchObject({
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    });

    it('answers 100/33 for a pixel the token cannot see, and for an unknown pixel', async () => {
      const other = await graphError(await send({ data: [event()] }, TOKEN, OTHER_PIXEL));
      expect(other).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
      expect(other.message).toContain(`Object with ID '${OTHER_PIXEL}' does not exist`);
      expect(await graphError(await send({ data: [event()] }, TOKEN, '999'))).toMatchObject({ code: 100, error_subcode: 33 });
    });

    it('answers 190 once the token is revoked', async () => {
      const pixel = '1111222233334444';
      await register({ platform: 'meta', pixelId: pixel, accessToken: 'EAAB-revoke-me' });
      expect((await send({ data: [event()] }, 'EAAB-revoke-me', pixel)).status).toBe(200);
      expect((await call('DELETE', '/sandbox/meta/tokens/EAAB-revoke-me')).status).toBe(204);
      expect(await graphError(await send({ data: [event()] }, 'EAAB-revoke-me', pixel))).toMatchObject({ code: 190 });
      expect((await call('DELETE', '/sandbox/meta/tokens/EAAB-revoke-me')).status).toBe(404);
    });

    it('reads the pixel node: {id, name}, 190 for a bad token, 100/33 for a pixel out of reach', async () => {
      const pixel = await call('GET', `/v25.0/${PIXEL}?fields=id,name`, undefined, { authorization: `Bearer ${TOKEN}` });
      expect(pixel.status).toBe(200);
      expect(await pixel.json()).toEqual({ id: PIXEL, name: `Sandbox pixel ${PIXEL}` });
      const idOnly = await call('GET', `/v25.0/${PIXEL}?fields=id&access_token=${TOKEN}`);
      expect(await idOnly.json()).toEqual({ id: PIXEL });
      expect(await graphError(await call('GET', `/v25.0/${PIXEL}?fields=id,name`, undefined, { authorization: 'Bearer EAAB-nope' }))).toMatchObject({ code: 190 });
      expect(await graphError(await call('GET', `/v25.0/${OTHER_PIXEL}?fields=id`, undefined, { authorization: `Bearer ${TOKEN}` }))).toMatchObject({
        code: 100,
        error_subcode: 33,
      });
      expect(await graphError(await call('GET', `/v25.0/${PIXEL}?fields=owner`, undefined, { authorization: `Bearer ${TOKEN}` }))).toMatchObject({ code: 100 });
    });

    it('refuses a path without a Graph version', async () => {
      expect(await graphError(await send({ data: [event()] }, TOKEN, PIXEL, 'latest'))).toMatchObject({ code: 2500 });
    });
  });

  describe("Meta's validation", () => {
    it('fails the whole request for an unknown key on one event, naming it as Meta does', async () => {
      const error = await graphError(await send({ data: [event(), event({ test_event_code: 'TEST1' })] }));
      expect(error).toMatchObject({ code: 100, message: `(#100) Unexpected key "test_event_code" on param "$['data'][1]".` });
      expect(await received()).toEqual([]);
    });

    it.each([
      ['event_name', { event_name: undefined }, "$['data'][0]['event_name']"],
      ['event_time', { event_time: undefined }, "$['data'][0]['event_time']"],
      ['action_source', { action_source: undefined }, "$['data'][0]['action_source']"],
      ['user_data', { user_data: undefined }, "$['data'][0]['user_data']"],
    ])('requires %s', async (_field, overrides, path) => {
      const error = await graphError(await send({ data: [event(overrides)] }));
      expect(error).toMatchObject({ code: 100 });
      expect(error.error_user_msg).toContain(path);
    });

    it('refuses milliseconds and an action_source Meta does not know', async () => {
      expect((await graphError(await send({ data: [event({ event_time: Date.now() })] }))).error_user_msg).toContain('milliseconds');
      expect((await graphError(await send({ data: [event({ action_source: 'web' })] }))).error_user_msg).toContain('action_source');
    });

    it('fails the whole request for an event older than 7 days (62 for physical_store)', async () => {
      const old = now() - 8 * 86_400;
      const error = await graphError(await send({ data: [event(), event({ event_time: old })] }));
      expect(error).toMatchObject({ code: 100, error_subcode: 2804003, error_user_title: 'Event Timestamp Too Old' });
      expect(await received()).toEqual([]);
      expect((await send({ data: [event({ event_time: old, action_source: 'physical_store' })] })).status).toBe(200);
    });

    it('requires hashed fields to be SHA-256 hex, the parameter builder appendix allowed', async () => {
      const error = await graphError(await send({ data: [event({ user_data: { em: ['ada@example.com'] } })] }));
      expect(error.error_user_msg).toContain("$['data'][0]['user_data']['em']");
      expect((await graphError(await send({ data: [event({ user_data: { ph: 'not-hashed', em: HASH } })] }))).error_user_msg).toContain("['ph']");
      expect((await send({ data: [event({ user_data: { em: `${HASH}.AQQCAQMB`, country: HASH } })] })).status).toBe(200);
    });

    it('refuses a bad IP, unknown user_data keys and user_data that cannot be matched', async () => {
      expect((await graphError(await send({ data: [event({ user_data: { client_ip_address: '999.1.1.1' } })] }))).error_user_msg).toContain('client_ip_address');
      expect((await graphError(await send({ data: [event({ user_data: { email: HASH } })] }))).message).toContain('Unexpected key "email"');
      expect(await graphError(await send({ data: [event({ user_data: { ct: HASH, country: HASH, client_user_agent: 'UA' } })] }))).toMatchObject({
        error_subcode: 2804050,
      });
      expect((await graphError(await send({ data: [event({ user_data: {} })] }))).error_user_msg).toContain('at least one');
    });

    it('requires value and currency on Purchase, and checks contents', async () => {
      expect(await graphError(await send({ data: [event({ custom_data: { value: 5 } })] }))).toMatchObject({ error_subcode: 2804009 });
      expect((await send({ data: [event({ event_name: 'Lead', custom_data: undefined })] })).status).toBe(200);
      const contents = { value: 1, currency: 'USD', contents: [{ id: 'a', quantity: 1.5 }] };
      expect((await graphError(await send({ data: [event({ custom_data: contents })] }))).error_user_msg).toContain("['contents'][0]['quantity']");
      expect((await graphError(await send({ data: [event({ custom_data: { value: 'ten', currency: 'USD' } })] }))).error_user_msg).toContain("['value']");
    });

    it('holds 1 to 1000 events', async () => {
      expect((await graphError(await send({ data: [] }))).error_user_msg).toContain('1 to 1000');
      expect((await graphError(await send({ data: Array.from({ length: 1001 }, () => event()) }))).error_user_msg).toContain('got 1001');
      expect((await send({ data: Array.from({ length: 1000 }, () => event()) })).status).toBe(200);
    });

    it('answers a body that is not JSON with a Graph error', async () => {
      const response = await fetch(`${sandbox.url}/v25.0/${PIXEL}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: '{"data": [',
      });
      expect(await graphError(response)).toMatchObject({ code: 100 });
    });
  });

  describe('faults', () => {
    async function fault(mode: string, pixelId?: string, count = 1): Promise<void> {
      const response = await call('POST', '/sandbox/meta/faults', { mode, pixelId, count });
      expect(response.status).toBe(201);
    }

    it.each([
      ['transient', 500, 2, undefined, true],
      ['rate_limit', 400, 17, 2446079, true],
      ['rate_limit_613', 400, 613, 1487742, true],
      ['token_invalid', 400, 190, 460, false],
      ['invalid_parameter', 400, 100, undefined, false],
    ])('answers a %s fault once with HTTP %i and code %i', async (mode, status, code, subcode, transient) => {
      await fault(mode, PIXEL);
      const error = await graphError(await send({ data: [event()] }), status);
      expect(error).toMatchObject({ code, is_transient: transient, ...(subcode === undefined ? {} : { error_subcode: subcode }) });
      expect((await send({ data: [event()] })).status).toBe(200);
      expect((await requests()).map((r) => r.fault)).toEqual([mode, null]);
    });

    it('names the first event in the invalid_parameter fault', async () => {
      await fault('invalid_parameter');
      expect((await graphError(await send({ data: [event()] }))).error_user_msg).toContain("$['data'][0]");
    });

    it('answers an http_500 fault with an HTML page', async () => {
      await fault('http_500');
      const response = await send({ data: [event()] });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<html>');
    });

    it('holds the request for a timeout fault and stores nothing', async () => {
      await fault('timeout', PIXEL);
      const held = send({ data: [event()] }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sandbox.app.get(HeldRequestRegistry).size).toBe(1);
      expect(await received()).toEqual([]);
      const answer = await held;
      expect(answer instanceof Response && answer.status).toBe(504);
    });

    it('answers a slow fault normally, late', async () => {
      await fault('slow');
      const started = Date.now();
      expect((await send({ data: [event()] })).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('applies faults to the pixel read too, and only to the pixel named', async () => {
      await fault('transient', OTHER_PIXEL);
      expect((await call('GET', `/v25.0/${PIXEL}?fields=id`, undefined, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      expect((await call('GET', `/v25.0/${OTHER_PIXEL}?fields=id`, undefined, { authorization: `Bearer ${OTHER_TOKEN}` })).status).toBe(500);
    });

    it('lists pending faults and clears them with the shared DELETE /sandbox/faults', async () => {
      await fault('rate_limit', PIXEL, 3);
      expect(await (await call('GET', '/sandbox/meta/faults')).json()).toEqual({ faults: [{ pixelId: PIXEL, mode: 'rate_limit', remaining: 3 }] });
      expect((await call('DELETE', '/sandbox/faults')).status).toBe(204);
      expect(await (await call('GET', '/sandbox/meta/faults')).json()).toEqual({ faults: [] });
    });

    it('refuses unknown modes and bad counts', async () => {
      expect((await call('POST', '/sandbox/meta/faults', { mode: 'explode' })).status).toBe(400);
      expect((await call('POST', '/sandbox/meta/faults', { mode: 'timeout', count: 0 })).status).toBe(400);
      expect((await call('POST', '/sandbox/meta/faults', { mode: 'timeout', pixelId: 7 })).status).toBe(400);
    });
  });

  describe('beside TikTok', () => {
    it('keeps the platforms apart: TikTok registration, events and faults are unchanged', async () => {
      await register({ pixelCode: TIKTOK_PIXEL, accessToken: TOKEN });
      await call('POST', '/sandbox/meta/faults', { mode: 'transient' });
      const tiktok = await call(
        'POST',
        '/open_api/v1.3/event/track/',
        { event_source: 'web', event_source_id: TIKTOK_PIXEL, data: [{ event: 'CompletePayment', event_time: now(), event_id: 'x' }] },
        { 'access-token': TOKEN },
      );
      expect(await tiktok.json()).toMatchObject({ code: 0 });
      // A TikTok pixel code is no Meta pixel, even with the same token.
      expect(await graphError(await send({ data: [event()] }, TOKEN, TIKTOK_PIXEL), 500)).toMatchObject({ code: 2 });
      expect(await graphError(await send({ data: [event()] }, TOKEN, TIKTOK_PIXEL))).toMatchObject({ code: 100, error_subcode: 33 });
      expect(await received(`pixelId=${TIKTOK_PIXEL}`)).toEqual([]);
    });

    it('validates the platform of a registration', async () => {
      expect((await call('POST', '/sandbox/pixels', { platform: 'snap', pixelId: '1', accessToken: 't' })).status).toBe(400);
      expect((await call('POST', '/sandbox/pixels', { platform: 'meta', pixelCode: '1', accessToken: 't' })).status).toBe(400);
      expect(await (await call('POST', '/sandbox/pixels', { platform: 'meta', pixelId: PIXEL, accessToken: TOKEN })).json()).toEqual({
        platform: 'meta',
        pixelId: PIXEL,
      });
    });
  });
});
