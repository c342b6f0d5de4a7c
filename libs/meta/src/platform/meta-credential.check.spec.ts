import { RunningSandbox, startSandbox } from '../../../../apps/sandbox/src/sandbox.bootstrap';
import { MetaClient } from '../client/meta.client';
import { credentialCheckRequest, META_CREDENTIAL_CHECK_EVENT, MetaCredentialCheck } from './meta-credential.check';

const PIXEL = '5556667778889990';
const TOKEN = 'EAAB-credential-check-token';

describe('MetaCredentialCheck against the platform sandbox', () => {
  let sandbox: RunningSandbox;
  let client: MetaClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, timeoutMs: 5000, logger: false });
    await admin('POST', '/sandbox/pixels', { platform: 'meta', pixelId: PIXEL, accessToken: TOKEN });
    client = new MetaClient({ baseUrl: sandbox.url, apiVersion: 'v25.0', timeoutMs: 500 });
  });

  afterAll(async () => {
    await client.close();
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

  const received = async () => ((await admin('GET', `/sandbox/meta/events?pixelId=${PIXEL}`)) as { events: Array<Record<string, unknown>> }).events;

  describe('by reading the pixel (the default)', () => {
    const check = () => new MetaCredentialCheck(client, 'pixel_read');

    it('is valid when the token can read the pixel, and sends no event', async () => {
      expect(await check().check({ pixelId: PIXEL, accessToken: TOKEN })).toEqual({
        outcome: 'valid',
        platformMessage: `Pixel ${PIXEL} "Sandbox pixel ${PIXEL}" is reachable with this token`,
        httpStatus: 200,
      });
      expect(await received()).toEqual([]);
    });

    it('rejects a bad token with 190 and a pixel out of reach with 100', async () => {
      expect(await check().check({ pixelId: PIXEL, accessToken: 'EAAB-bad' })).toMatchObject({ outcome: 'rejected', platformCode: 190, httpStatus: 400 });
      const other = await check().check({ pixelId: '123', accessToken: TOKEN });
      expect(other).toMatchObject({ outcome: 'rejected', platformCode: 100 });
      expect(other.platformMessage).toContain("Object with ID '123' does not exist");
    });

    it('says unreachable, not rejected, when Meta fails or does not answer', async () => {
      await admin('POST', '/sandbox/meta/faults', { mode: 'transient', pixelId: PIXEL });
      expect(await check().check({ pixelId: PIXEL, accessToken: TOKEN })).toMatchObject({ outcome: 'unreachable', platformCode: 2 });
      await admin('POST', '/sandbox/meta/faults', { mode: 'timeout', pixelId: PIXEL });
      expect(await check().check({ pixelId: PIXEL, accessToken: TOKEN })).toEqual({ outcome: 'unreachable', platformMessage: 'Meta did not answer within 500 ms' });
    });
  });

  describe('by sending one test event', () => {
    const check = () => new MetaCredentialCheck(client, 'test_event');

    it('is valid when Meta takes the event, which carries the test_event_code at the top level', async () => {
      expect(await check().check({ pixelId: PIXEL, accessToken: TOKEN, testEventCode: 'TEST777' })).toMatchObject({ outcome: 'valid', httpStatus: 200 });
      const events = await received();
      expect(events).toEqual([expect.objectContaining({ testEventCode: 'TEST777', event: expect.objectContaining({ event_name: META_CREDENTIAL_CHECK_EVENT }) })]);
    });

    it('rejects a bad token and says unreachable on throttling', async () => {
      expect(await check().check({ pixelId: PIXEL, accessToken: 'EAAB-bad' })).toMatchObject({ outcome: 'rejected', platformCode: 190 });
      await admin('POST', '/sandbox/meta/faults', { mode: 'rate_limit', pixelId: PIXEL });
      expect(await check().check({ pixelId: PIXEL, accessToken: TOKEN })).toMatchObject({ outcome: 'unreachable', platformCode: 17 });
    });
  });

  it('builds a test event Meta accepts: seconds, a unique id, matchable user_data, no test code when none is set', () => {
    const request = credentialCheckRequest(undefined, new Date('2026-12-01T10:00:00.900Z'));
    expect(request).not.toHaveProperty('test_event_code');
    expect(request.data).toEqual([
      {
        event_name: META_CREDENTIAL_CHECK_EVENT,
        event_time: 1796119200,
        action_source: 'website',
        event_id: expect.stringMatching(/^tracklayer-check-[0-9a-f-]{36}$/),
        user_data: { external_id: [expect.stringMatching(/^[0-9a-f]{64}$/)] },
      },
    ]);
  });
});
