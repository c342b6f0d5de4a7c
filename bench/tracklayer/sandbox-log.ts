import { expectStatus, requestJson } from '../support/http-json';
import type { IngestTarget } from './tracklayer-setup';

// The event both platforms' credential checks may send (TikTok's always does; Meta's only with
// META_CREDENTIAL_CHECK=test_event): it is not one of the seeded events.
const CREDENTIAL_CHECK_EVENT = 'TrackLayerCredentialCheck';

interface TikTokRequests {
  requests: Array<{ code: number | null; eventCount: number }>;
}

interface MetaRequests {
  requests: Array<{ method: 'GET' | 'POST'; httpStatus: number; code: number | null; eventCount: number }>;
}

interface TikTokEvents {
  events: Array<{ event: { event?: string; event_id?: string } }>;
}

interface MetaEvents {
  events: Array<{ event: { event_name?: string; event_id?: string } }>;
}

// Events and requests the sandbox accepted for the target's pixel, from its request log: small
// (one record per request), unlike the event log, so the bench can poll it every 100 ms.
export async function sandboxDeliveries(sandboxUrl: string, target: IngestTarget): Promise<{ events: number; requests: number }> {
  const pixel = encodeURIComponent(target.pixelCode);
  if (target.platform === 'meta') {
    const body = await expectStatus<MetaRequests>('sandbox Meta requests', 200, requestJson('GET', `${sandboxUrl}/sandbox/meta/requests?pixelId=${pixel}`));
    // The credential check reads the pixel node (a GET): only accepted event posts count.
    const ok = body.requests.filter((request) => request.method === 'POST' && request.httpStatus === 200 && request.code === null);
    return { events: ok.reduce((sum, request) => sum + request.eventCount, 0), requests: ok.length };
  }
  const body = await expectStatus<TikTokRequests>('sandbox requests', 200, requestJson('GET', `${sandboxUrl}/sandbox/requests?pixelCode=${pixel}`));
  const ok = body.requests.filter((request) => request.code === 0);
  return { events: ok.reduce((sum, request) => sum + request.eventCount, 0), requests: ok.length };
}

// The event_id of every event the sandbox stored for the target's pixel, credential checks left out.
export async function sandboxEventIds(sandboxUrl: string, target: IngestTarget): Promise<string[]> {
  const pixel = encodeURIComponent(target.pixelCode);
  if (target.platform === 'meta') {
    const log = await expectStatus<MetaEvents>('sandbox Meta events', 200, requestJson('GET', `${sandboxUrl}/sandbox/meta/events?pixelId=${pixel}`));
    return log.events.filter((received) => received.event.event_name !== CREDENTIAL_CHECK_EVENT).map((received) => received.event.event_id ?? '');
  }
  const log = await expectStatus<TikTokEvents>('sandbox events', 200, requestJson('GET', `${sandboxUrl}/sandbox/events?pixelCode=${pixel}`));
  return log.events.filter((received) => received.event.event !== CREDENTIAL_CHECK_EVENT).map((received) => received.event.event_id ?? '');
}
