import { Injectable } from '@nestjs/common';
import { DAY_MS } from '@app/core';
import type { ClickIdKind, CredentialCheck, CredentialFieldDescription, InDoubtPolicy, Platform, PlatformCredentials } from '@app/platforms';
import { TikTokClient } from '../client/tiktok.client';
import { closestKnownTikTokEvent, isKnownTikTokEvent, TIKTOK_KNOWN_EVENTS, TIKTOK_SOURCE_ALIASES } from '../events/tiktok-event-names';
import { buildCredentialCheckRequest } from './credential-check.request';

export const TIKTOK_DEDUP_WINDOW_MS = 48 * 3_600_000;

@Injectable()
export class TikTokPlatform implements Platform {
  readonly id = 'tiktok' as const;
  readonly displayName = 'TikTok';
  readonly credentialFields: readonly CredentialFieldDescription[] = [
    { name: 'pixelCode', label: 'Pixel code', secret: false, required: true, help: 'Events Manager > your pixel > Settings' },
    { name: 'accessToken', label: 'Access token', secret: true, required: true, help: 'Events Manager > your pixel > Settings > Generate Access Token' },
    { name: 'testEventCode', label: 'Test event code', secret: false, required: false, help: 'Events Manager > Test Events; routes events there' },
  ];
  readonly clickIds = ['ttclid', 'ttp'] as const;
  // 28 days: TikTok's longest click-through attribution window; a workspace's own window is shorter.
  readonly clickIdKinds: readonly ClickIdKind[] = [
    { kind: 'ttclid', urlParams: ['ttclid'], cookies: ['ttclid'], windowMs: 28 * DAY_MS },
    { kind: 'ttp', urlParams: [], cookies: ['_ttp'], windowMs: 28 * DAY_MS },
  ];
  readonly defaultEventNames = TIKTOK_SOURCE_ALIASES;
  readonly eventNames = TIKTOK_KNOWN_EVENTS;
  // TikTok deduplicates events by event_id within 48 hours, across browser and server events.
  readonly inDoubt: InDoubtPolicy = { kind: 'resend', dedupWindowMs: TIKTOK_DEDUP_WINDOW_MS };

  constructor(private readonly client: TikTokClient) {}

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
