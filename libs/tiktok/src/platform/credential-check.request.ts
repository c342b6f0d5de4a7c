import { randomUUID } from 'node:crypto';
import { TikTokTrackRequest } from '../mapping/tiktok-request.types';

// TikTok has no endpoint that checks a token without sending an event, so the check sends one.
// A custom name keeps it out of optimization and makes it recognisable in Events Manager; with the
// connector's test_event_code it lands in the Test Events tab instead of reporting.
export const CREDENTIAL_CHECK_EVENT = 'TrackLayerCredentialCheck';

export function buildCredentialCheckRequest(pixelCode: string, testEventCode: string | undefined, now = new Date()): TikTokTrackRequest {
  return {
    event_source: 'web',
    event_source_id: pixelCode,
    ...(testEventCode ? { test_event_code: testEventCode } : {}),
    data: [
      {
        event: CREDENTIAL_CHECK_EVENT,
        event_time: Math.floor(now.getTime() / 1000),
        event_id: `tracklayer-check-${randomUUID()}`,
        properties: { description: 'TrackLayer checked that this access token can send events to this pixel' },
      },
    ],
  };
}
