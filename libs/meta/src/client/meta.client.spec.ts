import { createServer } from 'node:net';
import { RunningSandbox, startSandbox } from '../../../../apps/sandbox/src/sandbox.bootstrap';
import type { MetaEventsRequest, MetaServerEvent } from '../mapping/meta-request.types';
import { MetaClient } from './meta.client';

const PIXEL = '1029384756102938';
const TOKEN = 'EAAB-client-spec-secret-token';
const SANDBOX_HOLD_MS = 10_000;
const SHORT_TIMEOUT_MS = 300;

function event(overrides: Partial<MetaServerEvent> = {}): MetaServerEvent {
  return {
    event_name: 'Purchase',
    event_time: Math.floor(Date.now() / 1000) - 5,
    action_source: 'website',
    event_id: 'order-1',
    user_data: { em: ['d'.repeat(64)], client_user_agent: 'Mozilla/5.0', client_ip_address: '203.0.113.9' },
    custom_data: { value: 12.5, currency: 'EUR' },
    ...overrides,
  };
}

function request(...events: MetaServerEvent[]): MetaEventsRequest {
  return { data: events.length > 0 ? events : [event()] };
}

async function freePortThatRefuses(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return address.port;
}

describe('MetaClient against the platform sandbox', () => {
  let sandbox: RunningSandbox;
  let client: MetaClient;
  let impatient: MetaClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeoutMs: SANDBOX_HOLD_MS, logger: false });
    await admin('POST', '/sandbox/pixels', { platform: 'meta', pixelId: PIXEL, accessToken: TOKEN });
    client = new MetaClient({ baseUrl: sandbox.url, apiVersion: 'v25.0', timeoutMs: 5000 });
    impatient = new MetaClient({ baseUrl: sandbox.url, apiVersion: 'v25.0', timeoutMs: SHORT_TIMEOUT_MS });
  });

  afterAll(async () => {
    await client.close();
    await impatient.close();
    await sandbox.close();
  });

  beforeEach(async () => {
    await admin('DELETE', '/sandbox/faults');
    await admin('DELETE', '/sandbox/meta/events');
  });

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  const fault = (mode: string) => admin('POST', '/sandbox/meta/faults', { mode, pixelId: PIXEL });
  const requests = async () => ((await admin('GET', `/sandbox/meta/requests?pixelId=${PIXEL}`)) as { requests: Array<Record<string, unknown>> }).requests;

  it('delivers to POST /{version}/{pixel}/events with the token in the Authorization header, never in the URL', async () => {
    const result = await client.sendEvents(PIXEL, TOKEN, request(event({ event_id: 'a' }), event({ event_id: 'b' })));
    expect(result).toEqual({
      httpStatus: 200,
      latencyMs: expect.any(Number),
      outcome: { outcome: 'delivered', eventsReceived: 2, messages: [], platformMessage: '2 events received', requestId: expect.any(String) },
    });
    expect(await requests()).toEqual([expect.objectContaining({ method: 'POST', version: 'v25.0', tokenIn: 'header', httpStatus: 200 })]);
    const stored = (await admin('GET', `/sandbox/meta/events?pixelId=${PIXEL}`)) as { events: Array<{ event: MetaServerEvent }> };
    expect(stored.events.map((e) => e.event.event_id)).toEqual(['a', 'b']);
  });

  it('puts the token in the body when configured, without changing the caller\'s request', async () => {
    const inBody = new MetaClient({ baseUrl: sandbox.url, apiVersion: 'v24.0', timeoutMs: 5000, accessTokenIn: 'body' });
    try {
      const body = request();
      expect((await inBody.sendEvents(PIXEL, TOKEN, body)).outcome.outcome).toBe('delivered');
      expect(body).not.toHaveProperty('access_token');
      expect(await requests()).toEqual([expect.objectContaining({ version: 'v24.0', tokenIn: 'body' })]);
    } finally {
      await inBody.close();
    }
  });

  it('keeps a path prefix of the base URL', async () => {
    const prefixed = new MetaClient({ baseUrl: `${sandbox.url}/`, apiVersion: 'v25.0', timeoutMs: 5000 });
    try {
      expect((await prefixed.sendEvents(PIXEL, TOKEN, request())).outcome.outcome).toBe('delivered');
    } finally {
      await prefixed.close();
    }
  });

  it('reports a rejected event with Meta code, message and the failing index', async () => {
    const result = await client.sendEvents(PIXEL, TOKEN, request(event(), event({ event_name: '' })));
    expect(result.httpStatus).toBe(400);
    expect(result.outcome).toMatchObject({ outcome: 'rejected', platformCode: 100, eventIndex: 1, requestId: expect.any(String) });
    expect(result.outcome.platformMessage).toContain("$['data'][1]['event_name']");
  });

  it('marks credentials invalid on 190 and on a pixel the token cannot see', async () => {
    expect((await client.sendEvents(PIXEL, 'EAAB-wrong', request())).outcome).toMatchObject({ outcome: 'credentials_invalid', platformCode: 190 });
    expect((await client.sendEvents('1', TOKEN, request())).outcome).toMatchObject({
      outcome: 'credentials_invalid',
      platformCode: 100,
      platformSubcode: 33,
    });
  });

  it.each([
    ['transient', 500, 2, false],
    ['rate_limit', 400, 17, true],
    ['rate_limit_613', 400, 613, true],
  ])('retries a %s fault', async (mode, httpStatus, code, rateLimited) => {
    await fault(mode);
    const result = await client.sendEvents(PIXEL, TOKEN, request());
    expect(result.httpStatus).toBe(httpStatus);
    expect(result.outcome).toMatchObject({ outcome: 'retry', platformCode: code, rateLimited });
  });

  it('marks credentials invalid on a token_invalid fault', async () => {
    await fault('token_invalid');
    expect((await client.sendEvents(PIXEL, TOKEN, request())).outcome).toMatchObject({ outcome: 'credentials_invalid', platformCode: 190 });
  });

  it('retries an HTML 500', async () => {
    await fault('http_500');
    const result = await client.sendEvents(PIXEL, TOKEN, request());
    expect(result).toMatchObject({ httpStatus: 500, outcome: { outcome: 'retry', platformMessage: 'HTTP 500 with a non-JSON body' } });
  });

  it('gives up after its timeout with a retry, and the pool still works afterwards', async () => {
    await fault('timeout');
    const result = await impatient.sendEvents(PIXEL, TOKEN, request());
    expect(result.httpStatus).toBeUndefined();
    expect(result.outcome).toEqual({ outcome: 'retry', rateLimited: false, platformMessage: `Meta did not answer within ${SHORT_TIMEOUT_MS} ms` });
    expect(result.latencyMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 20);
    expect(result.latencyMs).toBeLessThan(SANDBOX_HOLD_MS);
    expect((await impatient.sendEvents(PIXEL, TOKEN, request())).outcome.outcome).toBe('delivered');
  });

  it('turns a refused connection into a retry that never repeats the token', async () => {
    const offline = new MetaClient({ baseUrl: `http://127.0.0.1:${await freePortThatRefuses()}`, apiVersion: 'v25.0', timeoutMs: 2000 });
    try {
      const result = await offline.sendEvents(PIXEL, TOKEN, request());
      expect(result.outcome).toMatchObject({ outcome: 'retry', platformMessage: expect.stringContaining('ECONNREFUSED') });
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    } finally {
      await offline.close();
    }
  });

  it('reads the pixel node with the token in a header', async () => {
    expect(await client.readPixel(PIXEL, TOKEN)).toEqual({ httpStatus: 200, latencyMs: expect.any(Number), pixel: { id: PIXEL, name: `Sandbox pixel ${PIXEL}` } });
    expect(await client.readPixel(PIXEL, 'EAAB-wrong')).toMatchObject({ httpStatus: 400, outcome: { outcome: 'credentials_invalid', platformCode: 190 } });
    expect((await requests()).map((r) => [r.method, r.tokenIn])).toEqual([
      ['GET', 'header'],
      ['GET', 'header'],
    ]);
  });

  it('refuses pixel ids that are not numbers, tokens that cannot be a header, and a bad version, without repeating secrets', async () => {
    await expect(client.sendEvents('../me', TOKEN, request())).rejects.toThrow(TypeError);
    await expect(client.readPixel('1?fields=x', TOKEN)).rejects.toThrow(TypeError);
    const broken = 'abc\r\nx-injected: 1';
    await expect(client.sendEvents(PIXEL, broken, request())).rejects.toThrow(TypeError);
    await expect(client.sendEvents(PIXEL, broken, request())).rejects.not.toThrow(/abc/);
    await expect(client.sendEvents(PIXEL, '', request())).rejects.toThrow(TypeError);
    expect(() => new MetaClient({ baseUrl: sandbox.url, apiVersion: '25.0', timeoutMs: 1000 })).toThrow(/v25\.0/);
    expect(() => new MetaClient({ baseUrl: 'ftp://graph.example', apiVersion: 'v25.0', timeoutMs: 1000 })).toThrow(/http or https/);
  });
});
