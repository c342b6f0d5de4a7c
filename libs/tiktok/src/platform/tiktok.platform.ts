import { Injectable } from '@nestjs/common';
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
  PlatformSendResult,
} from '@app/platforms';
import { toPlatformSendOutcome } from '../client/tiktok-response.classifier';
import { TikTokClient } from '../client/tiktok.client';
import { resolveTikTokEventName } from '../events/tiktok-event-name.resolver';
import { TIKTOK_MAX_EVENTS_PER_REQUEST, TikTokPayloadMapper } from '../mapping/tiktok-payload.mapper';
import type { TikTokEvent, TikTokTrackRequest } from '../mapping/tiktok-request.types';
import { closestKnownTikTokEvent, isKnownTikTokEvent, TIKTOK_KNOWN_EVENTS, TIKTOK_SOURCE_ALIASES } from '../events/tiktok-event-names';
import { buildCredentialCheckRequest } from './credential-check.request';

export const TIKTOK_DEDUP_WINDOW_MS = 48 * 3_600_000;

@Injectable()
export class TikTokPlatform implements Platform<TikTokEvent, TikTokTrackRequest> {
  readonly id = 'tiktok' as const;
  readonly displayName = 'TikTok';
  readonly credentialFields: readonly CredentialFieldDescription[] = [
    { name: 'pixelCode', label: 'Pixel code', secret: false, required: true, help: 'Events Manager > your pixel > Settings' },
    { name: 'accessToken', label: 'Access token', secret: true, required: true, help: 'Events Manager > your pixel > Settings > Generate Access Token' },
    { name: 'testEventCode', label: 'Test event code', secret: false, required: false, help: 'Events Manager > Test Events; routes events there' },
  ];
  // 28 days: TikTok's longest click-through attribution window; a workspace's own window is shorter.
  readonly clickIdKinds: readonly ClickIdKind[] = [
    { kind: 'ttclid', urlParams: ['ttclid'], cookies: ['ttclid'], windowMs: 28 * DAY_MS },
    { kind: 'ttp', urlParams: [], cookies: ['_ttp'], windowMs: 28 * DAY_MS },
  ];
  readonly defaultEventNames = TIKTOK_SOURCE_ALIASES;
  readonly eventNames = TIKTOK_KNOWN_EVENTS;
  // TikTok deduplicates events by event_id within 48 hours, across browser and server events.
  readonly inDoubt: InDoubtPolicy = { kind: 'resend', dedupWindowMs: TIKTOK_DEDUP_WINDOW_MS };

  constructor(
    private readonly client: TikTokClient,
    private readonly mapper: TikTokPayloadMapper,
  ) {}

  // Events with a test_event_code go one per request: TikTok routes a request, not an event, to Test Events.
  batchLimit(connector: Connector): number {
    return connector.testEventCode ? 1 : TIKTOK_MAX_EVENTS_PER_REQUEST;
  }

  resolveEventName(sourceName: string, connector: Connector): PlatformEventName {
    return resolveTikTokEventName(sourceName, connector.eventMapping, connector.options.unmappedEvents);
  }

  mapEvent(event: NormalizedEvent, platformEventName: string, connector: Connector): TikTokEvent {
    return this.mapper.mapEvent(event, {
      tiktokEventName: platformEventName,
      sendIp: connector.options.sendIp,
      sendUserAgent: connector.options.sendUserAgent,
    });
  }

  buildRequest(events: TikTokEvent[], connector: Connector): TikTokTrackRequest {
    return this.mapper.buildRequest(events, { pixelCode: connector.pixelCode, testEventCode: connector.testEventCode ?? undefined });
  }

  async send(accessToken: string, request: TikTokTrackRequest, _connector: Connector, signal?: AbortSignal): Promise<PlatformSendResult> {
    const result = await this.client.send(accessToken, request, signal);
    return {
      outcome: toPlatformSendOutcome(result.classification, result.retryAfterMs),
      ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
      latencyMs: result.latencyMs,
    };
  }

  eventNameNotice(target: string): string | undefined {
    if (isKnownTikTokEvent(target)) return undefined;
    const meant = closestKnownTikTokEvent(target);
    const hint = meant === undefined ? '' : ` Did you mean "${meant}"? TikTok matches names case-sensitively.`;
    return `"${target}" is not a TikTok standard event name; it is sent as a custom event (reporting and audiences only, no optimization).${hint}`;
  }

  // TikTok answers a valid request with HTTP 2xx AND code 0. Anything TikTok would have us retry
  // (5xx, 40100, timeouts) says nothing about the credentials, so it is "unreachable", not "rejected".
  async checkCredentials({ pixelCode, accessToken, testEventCode }: PlatformCredentials): Promise<CredentialCheck> {
    const result = await this.client.send(accessToken, buildCredentialCheckRequest(pixelCode, testEventCode));
    const answer = { platformCode: result.code, platformMessage: result.message, httpStatus: result.httpStatus };
    if (result.classification.outcome === 'retryable') return { outcome: 'unreachable', ...answer };
    const ok = result.httpStatus !== undefined && result.httpStatus < 300 && result.code === 0;
    return { outcome: ok ? 'valid' : 'rejected', ...answer };
  }
}
