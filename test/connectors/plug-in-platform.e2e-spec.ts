import { Injectable, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DAY_MS, NormalizedEvent } from '@app/core';
import type {
  ClickIdKind,
  Connector,
  CredentialCheck,
  CredentialFieldDescription,
  InDoubtPolicy,
  Platform,
  PlatformCredentials,
  PlatformEventName,
  PlatformSendOutcome,
  PlatformSendResult,
} from '@app/platforms';
import { bearer, createTestApp, createTestWorker, FAST_DELIVERY, ingestWorkspace, TestApp, TestWorker, waitFor } from '@app/testing';
import { PLATFORMS_COMPOSITION } from '@app/composition';

// The plug-in contract, proven by a platform that exists only in this test: an adapter and one
// line of composition, no change to any lib. It gets its connect form, credential check, click id
// (captured and restored), batches of its own limit, retries with Retry-After, and connector
// invalidation, all from the shared engine.

interface FakeEvent {
  name: string;
  id: string;
  clickId?: string;
}
interface FakeRequest {
  pixel: string;
  events: FakeEvent[];
}

// Shared by the api's and the worker's instance of FakePlatform (two Nest apps in one process).
const fake = { requests: [] as FakeRequest[], answers: [] as PlatformSendOutcome[], goodToken: `good_${randomBytes(6).toString('hex')}` };

@Injectable()
class FakePlatform implements Platform<FakeEvent, FakeRequest> {
  readonly id = 'fakeads';
  readonly displayName = 'Fake Ads';
  readonly credentialFields: readonly CredentialFieldDescription[] = [
    { name: 'pixelCode', label: 'Tag id', secret: false, required: true, help: 'Fake Ads > Tags' },
    { name: 'accessToken', label: 'API key', secret: true, required: true, help: 'Fake Ads > Keys' },
  ];
  readonly clickIdKinds: readonly ClickIdKind[] = [{ kind: 'fkclid', urlParams: ['fkclid'], cookies: ['_fk'], windowMs: 7 * DAY_MS }];
  readonly defaultEventNames = { purchase: 'Buy' };
  readonly eventNames = ['Buy'];
  readonly inDoubt: InDoubtPolicy = { kind: 'hold' };

  async checkCredentials({ accessToken }: PlatformCredentials): Promise<CredentialCheck> {
    return accessToken === fake.goodToken ? { outcome: 'valid', platformMessage: 'ok' } : { outcome: 'rejected', platformCode: 401, platformMessage: 'bad key' };
  }

  batchLimit(): number {
    return 2;
  }

  resolveEventName(sourceName: string, connector: Connector): PlatformEventName {
    const mapped = connector.eventMapping[sourceName];
    if (mapped !== undefined) return { name: mapped, mapped: 'connector' };
    const known = (this.defaultEventNames as Record<string, string>)[sourceName];
    return known === undefined ? { name: sourceName, mapped: 'custom' } : { name: known, mapped: 'default' };
  }

  mapEvent(event: NormalizedEvent, platformEventName: string): FakeEvent {
    const clickId = event.clickIdsByKind?.fkclid?.value;
    return { name: platformEventName, id: event.eventId, ...(clickId === undefined ? {} : { clickId }) };
  }

  buildRequest(events: FakeEvent[], connector: Connector): FakeRequest {
    return { pixel: connector.pixelCode, events };
  }

  async send(accessToken: string, request: FakeRequest): Promise<PlatformSendResult> {
    fake.requests.push(request);
    const outcome = accessToken === fake.goodToken ? (fake.answers.shift() ?? { outcome: 'delivered', platformMessage: 'ok', messages: [] }) : undefined;
    return { outcome: outcome ?? { outcome: 'credentials_invalid', platformCode: 401, platformMessage: 'key revoked' }, httpStatus: 200, latencyMs: 1 };
  }
}

@Module({ providers: [FakePlatform], exports: [FakePlatform] })
class FakePlatformModule {}

// The one line of composition.
const WITH_FAKE = { imports: [...PLATFORMS_COMPOSITION.imports, FakePlatformModule], platforms: [...PLATFORMS_COMPOSITION.platforms, FakePlatform] };

describe('a platform plugged in by a test', () => {
  let api: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    api = await createTestApp(FAST_DELIVERY, { platforms: WITH_FAKE });
    worker = await createTestWorker(api, FAST_DELIVERY, { platforms: WITH_FAKE });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('is listed, checked on save, delivered to in batches of its limit with retries, and invalidated on a credential failure', async () => {
    const { body: platforms } = await api.http.get('/v1/platforms').expect(200);
    expect(platforms.map((p: { id: string }) => p.id)).toEqual(['tiktok', 'meta', 'fakeads']);
    expect(platforms[2]).toMatchObject({ name: 'Fake Ads', clickIds: ['fkclid'], defaultEventNames: { purchase: 'Buy' } });

    const ws = await ingestWorkspace(api.http, 'fakeads');
    const path = `/v1/workspaces/${ws.workspaceId}/connectors`;
    await api.http.post(path).set(bearer(ws.token)).send({ platform: 'fakeads', name: 'Fake', pixelCode: 'TAG0001', accessToken: 'bad_key_0000' }).expect(422);
    const created = await api.http.post(path).set(bearer(ws.token)).send({ platform: 'fakeads', name: 'Fake', pixelCode: 'TAG0001', accessToken: fake.goodToken }).expect(201);
    const connectorId = created.body.id as string;

    // The first request is throttled with a Retry-After: the same events go again, no sooner.
    fake.answers.push({ outcome: 'retry', rateLimited: true, retryAfterMs: 300, platformMessage: 'slow down' });
    const visitor = `fk-${randomBytes(4).toString('hex')}`;
    const ingest = (body: object) => api.http.post('/v1/ingest').set('X-TrackLayer-Key', ws.ingestKey).send(body).expect(202);
    await ingest({
      batch: [
        { event: 'page_view', event_id: `${visitor}-1`, anonymous_id: visitor, page: { url: 'https://shop.example/?fkclid=FK-123' } },
        { event: 'purchase', event_id: `${visitor}-2`, anonymous_id: visitor },
        { event: 'purchase', event_id: `${visitor}-3`, anonymous_id: visitor },
      ],
    });
    const delivered = () => fake.requests.slice(1).flatMap((r) => r.events.map((e) => e.id));
    await waitFor(async () => delivered(), (ids) => ids.length >= 3);

    expect(fake.requests.every((r) => r.events.length <= 2 && r.pixel === 'TAG0001')).toBe(true);
    expect(fake.requests.slice(1)).toContainEqual(fake.requests[0]);
    expect(new Set(delivered())).toEqual(new Set([`${visitor}-1`, `${visitor}-2`, `${visitor}-3`]));
    // Its declared click id was captured from the URL and restored onto the visitor's later events.
    expect(fake.requests.slice(1).flatMap((r) => r.events)).toEqual(
      expect.arrayContaining([
        { name: 'page_view', id: `${visitor}-1`, clickId: 'FK-123' },
        { name: 'Buy', id: `${visitor}-2`, clickId: 'FK-123' },
        { name: 'Buy', id: `${visitor}-3`, clickId: 'FK-123' },
      ]),
    );
    const logs = (await api.http.get(`/v1/workspaces/${ws.workspaceId}/delivery-logs?connectorId=${connectorId}`).set(bearer(ws.token)).expect(200)).body;
    expect(JSON.stringify(logs)).toContain('slow down');

    // A credential failure: the connector turns invalid, saying which platform refused.
    fake.goodToken = 'revoked';
    await ingest({ event: 'purchase', event_id: `${visitor}-4`, anonymous_id: visitor });
    const invalid = await waitFor(
      async () => (await api.http.get(`${path}/${connectorId}`).set(bearer(ws.token)).expect(200)).body,
      (c) => c.status === 'invalid',
    );
    expect(invalid.statusReason).toBe('Fake Ads refused the access token: key revoked');
  });
});
