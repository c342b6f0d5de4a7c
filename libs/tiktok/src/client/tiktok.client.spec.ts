import { createServer } from 'node:net';
import { RunningSandbox, startSandbox } from '../../../../apps/sandbox/src/sandbox.bootstrap';
import type { TikTokTrackRequest } from '../mapping/tiktok-request.types';
import { TikTokClient } from './tiktok.client';

const PIXEL = 'CCLIENTSPECPIXEL0001';
const TOKEN = 'client-spec-secret-token-1234';
// Far longer than the client's timeout: the test must prove the client gives up, not the sandbox.
const SANDBOX_HOLD_MS = 10_000;
const SHORT_TIMEOUT_MS = 300;

function request(eventId = 'order-1'): TikTokTrackRequest {
  return {
    event_source: 'web',
    event_source_id: PIXEL,
    data: [
      {
        event: 'CompletePayment',
        event_time: 1_700_000_000,
        event_id: eventId,
        properties: { value: 12.5, currency: 'EUR' },
      },
    ],
  };
}

async function freePortThatRefuses(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return address.port;
}

describe('TikTokClient against the platform sandbox', () => {
  let sandbox: RunningSandbox;
  let client: TikTokClient;
  let impatient: TikTokClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeoutMs: SANDBOX_HOLD_MS });
    await admin('POST', '/sandbox/pixels', { pixelCode: PIXEL, accessToken: TOKEN });
    client = new TikTokClient({ baseUrl: sandbox.url, timeoutMs: 10_000 });
    impatient = new TikTokClient({ baseUrl: sandbox.url, timeoutMs: SHORT_TIMEOUT_MS });
  });

  afterAll(async () => {
    await client.close();
    await impatient.close();
    await sandbox.close();
  });

  beforeEach(async () => {
    await admin('DELETE', '/sandbox/faults');
    await admin('DELETE', '/sandbox/events');
  });

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  }

  function fault(mode: string): Promise<unknown> {
    return admin('POST', '/sandbox/faults', { pixelCode: PIXEL, mode, count: 1 });
  }

  it('sends a batch that TikTok accepts and the event arrives', async () => {
    const result = await client.send(TOKEN, request('order-ok'));

    expect(result).toMatchObject({ httpStatus: 200, code: 0, message: 'OK' });
    expect(result.classification).toMatchObject({ outcome: 'ok', credentialError: false, platformCode: 0 });
    expect(result.requestId).toEqual(expect.any(String));
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const log = (await admin('GET', `/sandbox/events?pixelCode=${PIXEL}`)) as {
      events: Array<{ event: unknown; requestId: string }>;
    };
    expect(log.events).toHaveLength(1);
    expect(log.events[0].requestId).toBe(result.requestId);
    expect(log.events[0].event).toMatchObject({ event: 'CompletePayment', event_id: 'order-ok' });
  });

  it('serves concurrent sends from the one pool', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => client.send(TOKEN, request(`order-${n}`))));
    expect(results.map((result) => result.code)).toEqual([0, 0, 0]);
  });

  it('classifies an unknown token as a permanent credential error and never echoes the token', async () => {
    const unknownToken = 'not-a-registered-token-9876';
    const result = await client.send(unknownToken, request());

    expect(result).toMatchObject({ httpStatus: 200, code: 40105 });
    expect(result.classification).toMatchObject({ outcome: 'permanent', credentialError: true });
    expect(JSON.stringify(result)).not.toContain(unknownToken);
  });

  it('classifies a missing field as a permanent rejection that names the field', async () => {
    const [event] = request().data;
    const { event_time: _omitted, ...withoutTime } = event;
    // The type forbids the omission; the cast is the point of the test.
    const body = { ...request(), data: [withoutTime] } as unknown as TikTokTrackRequest;

    const result = await client.send(TOKEN, body);

    expect(result).toMatchObject({ httpStatus: 200, code: 40002 });
    expect(result.message).toContain('event_time');
    expect(result.classification).toMatchObject({ outcome: 'permanent', credentialError: false });
  });

  it('retries on 40100 rate limiting', async () => {
    await fault('rate_limit');
    const result = await client.send(TOKEN, request());
    expect(result).toMatchObject({ httpStatus: 200, code: 40100 });
    expect(result.classification).toMatchObject({ outcome: 'retryable', credentialError: false });
  });

  it('retries on 50000 internal errors', async () => {
    await fault('server_error');
    const result = await client.send(TOKEN, request());
    expect(result).toMatchObject({ httpStatus: 200, code: 50000 });
    expect(result.classification.outcome).toBe('retryable');
  });

  it('turns an HTML HTTP 500 into a retryable result that names the status', async () => {
    await fault('http_500');
    const result = await client.send(TOKEN, request());

    expect(result.httpStatus).toBe(500);
    expect(result.code).toBeUndefined();
    expect(result.message).toContain('500');
    expect(result.classification).toMatchObject({ outcome: 'retryable', credentialError: false });
  });

  it('gives up after its timeout with a retryable result, and the pool still works afterwards', async () => {
    await fault('timeout');
    const result = await impatient.send(TOKEN, request());

    expect(result.httpStatus).toBeUndefined();
    expect(result.message).toBe(`TikTok did not answer within ${SHORT_TIMEOUT_MS} ms`);
    expect(result.classification).toMatchObject({ outcome: 'retryable', credentialError: false });
    expect(result.latencyMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 20);
    expect(result.latencyMs).toBeLessThan(SANDBOX_HOLD_MS);

    const next = await impatient.send(TOKEN, request('after-timeout'));
    expect(next.code).toBe(0);
  });

  it('turns a refused connection into a retryable result', async () => {
    const port = await freePortThatRefuses();
    const offline = new TikTokClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    try {
      const result = await offline.send(TOKEN, request());

      expect(result.httpStatus).toBeUndefined();
      expect(result.message).toContain('ECONNREFUSED');
      expect(result.classification).toMatchObject({ outcome: 'retryable', credentialError: false });
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    } finally {
      await offline.close();
    }
  });

  it('refuses a token that cannot be a header value without repeating it', async () => {
    const broken = 'abc\r\nx-injected: 1';
    await expect(client.send(broken, request())).rejects.toThrow(TypeError);
    await expect(client.send(broken, request())).rejects.not.toThrow(/abc/);
  });

  it('rejects a base URL that is not http(s) and a non-positive timeout', () => {
    expect(() => new TikTokClient({ baseUrl: 'ftp://example.com', timeoutMs: 1000 })).toThrow(/http or https/);
    expect(() => new TikTokClient({ baseUrl: sandbox.url, timeoutMs: 0 })).toThrow(/positive integer/);
  });
});
