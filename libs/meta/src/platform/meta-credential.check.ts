import { randomUUID } from 'node:crypto';
import type { CredentialCheck, PlatformSendOutcome } from '@app/platforms';
import { MetaClient } from '../client/meta.client';
import type { MetaEventsRequest } from '../mapping/meta-request.types';
import { sha256Hex } from '../user-data/meta-field.normalizer';
import type { MetaCredentials } from './meta-credential-fields';

export type MetaCredentialCheckMethod = 'pixel_read' | 'test_event';

// A custom name keeps the test event out of optimization and recognisable in Events Manager.
export const META_CREDENTIAL_CHECK_EVENT = 'TrackLayerCredentialCheck';

// Meta's counterpart of TikTokPlatform.checkCredentials, for the platform registry (#17) to call
// on save. `pixel_read` (default) reads the pixel node without sending anything: 190 = bad token,
// 100/33 = a pixel this token cannot reach. That it works with every Conversions API token is
// known from one integrator only, so `test_event` is there too: one event with the connector's
// test_event_code, which Meta counts like any other (test events are not dropped).
export class MetaCredentialCheck {
  constructor(
    private readonly client: MetaClient,
    private readonly method: MetaCredentialCheckMethod,
  ) {}

  async check(credentials: MetaCredentials, now = new Date()): Promise<CredentialCheck> {
    if (this.method === 'pixel_read') {
      const read = await this.client.readPixel(credentials.pixelId, credentials.accessToken);
      if ('pixel' in read) {
        const name = read.pixel.name === undefined ? '' : ` "${read.pixel.name}"`;
        return { outcome: 'valid', platformMessage: `Pixel ${read.pixel.id}${name} is reachable with this token`, httpStatus: read.httpStatus };
      }
      return verdict(read.outcome, read.httpStatus);
    }
    const sent = await this.client.sendEvents(credentials.pixelId, credentials.accessToken, credentialCheckRequest(credentials.testEventCode, now));
    return verdict(sent.outcome, sent.httpStatus);
  }
}

// Anything Meta would have us retry (throttling, 5xx, timeouts) says nothing about the
// credentials: "unreachable", not "rejected".
function verdict(outcome: PlatformSendOutcome, httpStatus: number | undefined): CredentialCheck {
  const answer = {
    ...(outcome.platformCode === undefined ? {} : { platformCode: outcome.platformCode }),
    platformMessage: outcome.platformMessage,
    ...(httpStatus === undefined ? {} : { httpStatus }),
  };
  switch (outcome.outcome) {
    case 'delivered':
      return { outcome: 'valid', ...answer };
    case 'retry':
      return { outcome: 'unreachable', ...answer };
    case 'rejected':
    case 'credentials_invalid':
      return { outcome: 'rejected', ...answer };
  }
}

export function credentialCheckRequest(testEventCode: string | undefined, now: Date): MetaEventsRequest {
  const code = testEventCode?.trim();
  return {
    data: [
      {
        event_name: META_CREDENTIAL_CHECK_EVENT,
        event_time: Math.floor(now.getTime() / 1000),
        action_source: 'website',
        event_id: `tracklayer-check-${randomUUID()}`,
        // Meta refuses user_data it cannot match at all; a fixed hashed id matches nobody real.
        user_data: { external_id: [sha256Hex('tracklayer-credential-check')] },
      },
    ],
    ...(code ? { test_event_code: code } : {}),
  };
}
