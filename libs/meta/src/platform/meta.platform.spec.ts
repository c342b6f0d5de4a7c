import type { NormalizedEvent } from '@app/core';
import type { Connector } from '@app/platforms';
import { MetaClient } from '../client/meta.client';
import { MetaPayloadMapper } from '../mapping/meta-payload.mapper';
import { sha256Hex } from '../user-data/meta-field.normalizer';
import { MetaUserDataNormalizer } from '../user-data/meta-user-data.normalizer';
import { MetaCredentialCheck } from './meta-credential.check';
import { MetaPlatform } from './meta.platform';

const client = new MetaClient({ baseUrl: 'http://127.0.0.1:9', apiVersion: 'v25.0', timeoutMs: 200 });
const platform = new MetaPlatform(client, new MetaCredentialCheck(client, 'pixel_read'), new MetaPayloadMapper(), new MetaUserDataNormalizer());

function connector(partial: Partial<Connector> = {}): Connector {
  return {
    id: 'c1',
    workspaceId: 'w1',
    platform: 'meta',
    name: 'Meta',
    pixelCode: '1234567890',
    accessTokenKeyId: 'k',
    accessTokenHint: '…abcd',
    testEventCode: null,
    status: 'active',
    statusReason: null,
    eventMapping: {},
    options: { sendIp: true, sendUserAgent: true, unmappedEvents: 'send' },
    lastValidation: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...partial,
  } as Connector;
}

function event(partial: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return { eventName: 'purchase', eventId: 'e1', eventIdSource: 'client', eventTime: 1796119200.5, user: {}, properties: {}, clickIds: {}, ...partial };
}

describe('MetaPlatform', () => {
  afterAll(() => client.close());

  it('resolves names by the connector mapping (any casing), then the default table, then the unmapped policy', () => {
    const mapped = connector({ eventMapping: { Signup: 'Lead' } });
    expect(platform.resolveEventName('signup', mapped)).toEqual({ name: 'Lead', mapped: 'connector' });
    expect(platform.resolveEventName('Order Completed', mapped)).toEqual({ name: 'Purchase', mapped: 'default' });
    expect(platform.resolveEventName('wishlist_shared', mapped)).toEqual({ name: 'wishlist_shared', mapped: 'custom' });
    expect(platform.resolveEventName('wishlist_shared', connector({ options: { sendIp: true, sendUserAgent: true, unmappedEvents: 'drop' } }))).toEqual({ dropped: true });
  });

  it("hashes only the identifiers at ingest, by Meta's rules; ip, user agent and click ids stay the event's own", () => {
    const input = { email: ' Ada@Example.com ', phone: '+1 (650) 555-1212', city: 'San Francisco', country: 'US', ip: '203.0.113.1', fbc: 'fb.1.1.stale' };
    const { userData } = platform.normalizeUser(input as never, {});
    expect(userData).toEqual({ em: [sha256Hex('ada@example.com')], ph: [sha256Hex('16505551212')], ct: sha256Hex('sanfrancisco'), country: sha256Hex('us') });
  });

  it('maps with the stored Meta user data, or only the email hashes of an event stored before it', () => {
    const stored = event({ platformUser: { meta: { ph: ['p'] } }, user: { email: ['e'], fbc: 'fb.1.2.x', ip: '203.0.113.2' } });
    expect(platform.mapEvent(stored, 'Purchase', connector()).user_data).toEqual({ ph: ['p'], fbc: 'fb.1.2.x', client_ip_address: '203.0.113.2' });
    const older = event({ user: { email: ['e'], phone: ['tiktok-form-hash'] } });
    expect(platform.mapEvent(older, 'Purchase', connector()).user_data).toEqual({ em: ['e'] });
  });

  it('batches up to 1,000 with the test event code at the top, and holds in-doubt events', () => {
    expect(platform.batchLimit()).toBe(1000);
    const request = platform.buildRequest([platform.mapEvent(event(), 'Purchase', connector())], connector({ testEventCode: 'TEST1' }));
    expect(request).toMatchObject({ test_event_code: 'TEST1', data: [{ event_name: 'Purchase', event_time: 1796119200, event_id: 'e1' }] });
    expect(platform.inDoubt).toEqual({ kind: 'hold' });
  });

  it('refuses a pixel id that is not a number without asking Meta', async () => {
    expect(await platform.checkCredentials({ pixelCode: 'PX123', accessToken: 'EAAB-token' })).toMatchObject({ outcome: 'rejected' });
  });
});
