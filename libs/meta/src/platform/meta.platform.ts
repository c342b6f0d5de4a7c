import { Inject, Injectable } from '@nestjs/common';
import type { NormalizedEvent } from '@app/core';
import { resolvePlatformEventName } from '@app/platforms';
import type {
  Connector,
  CredentialCheck,
  CredentialFieldDescription,
  InDoubtPolicy,
  Platform,
  PlatformCredentials,
  PlatformEventName,
  PlatformSendResult,
  PlatformUserData,
  PlatformUserInput,
} from '@app/platforms';
import { META_CLICK_ID_KINDS } from '../click-ids/meta-click-id-kinds';
import { MetaClient } from '../client/meta.client';
import { isStandardMetaEvent, lookupDefaultMetaEventName, META_SOURCE_ALIASES, META_STANDARD_EVENTS } from '../events/meta-event-names';
import { META_MAX_EVENTS_PER_REQUEST, MetaPayloadMapper } from '../mapping/meta-payload.mapper';
import type { MetaEventsRequest, MetaServerEvent } from '../mapping/meta-request.types';
import type { MetaUserData } from '../user-data/meta-user-data';
import { MetaUserDataNormalizer } from '../user-data/meta-user-data.normalizer';
import { META_CREDENTIAL_FIELDS, META_PIXEL_ID_PATTERN } from './meta-credential-fields';
import { MetaCredentialCheck } from './meta-credential.check';

// A connector's own mapping matches a name in another casing.
const META_EVENT_NAME_RULES = { lookupDefault: lookupDefaultMetaEventName, keyOf: (name: string) => name.trim().toLowerCase() };

// Meta's Conversions API as a connector platform. A connector keeps Meta's pixel (dataset) id in
// the `pixelCode` every connector has; the connect form labels it as Meta does.
@Injectable()
export class MetaPlatform implements Platform<MetaServerEvent, MetaEventsRequest> {
  readonly id = 'meta' as const;
  readonly displayName = 'Meta';
  readonly credentialFields: readonly CredentialFieldDescription[] = META_CREDENTIAL_FIELDS.map(({ name, label, secret, required, help }) => ({
    name: name === 'pixelId' ? 'pixelCode' : name,
    label: name === 'pixelId' ? 'Pixel (dataset) ID' : label,
    secret,
    required,
    help,
  }));
  readonly clickIdKinds = META_CLICK_ID_KINDS;
  readonly defaultEventNames = META_SOURCE_ALIASES;
  readonly eventNames = META_STANDARD_EVENTS;
  // Meta deduplicates a server event against the browser pixel's event of the same event_id, but
  // not a server event sent twice: a resend after a crashed request could count twice, so the
  // events of an attempt whose answer was never seen are held for a person to replay.
  readonly inDoubt: InDoubtPolicy = { kind: 'hold' };

  constructor(
    private readonly client: MetaClient,
    @Inject(MetaCredentialCheck) private readonly credentialCheck: MetaCredentialCheck,
    private readonly mapper: MetaPayloadMapper,
    private readonly normalizer: MetaUserDataNormalizer,
  ) {}

  eventNameNotice(target: string): string | undefined {
    if (isStandardMetaEvent(target)) return undefined;
    const meant = lookupDefaultMetaEventName(target);
    const hint = meant === undefined ? '' : ` Did you mean "${meant}"?`;
    return `"${target}" is not a Meta standard event name; it is sent as a custom event (custom conversions only, no optimization).${hint}`;
  }

  // A pixel id is a number: anything else is refused here, before it could reach a request path.
  async checkCredentials({ pixelCode, accessToken, testEventCode }: PlatformCredentials): Promise<CredentialCheck> {
    if (!META_PIXEL_ID_PATTERN.test(pixelCode)) {
      return { outcome: 'rejected', platformMessage: 'A Meta pixel (dataset) id is a number, in Events Manager > Data sources' };
    }
    return this.credentialCheck.check({ pixelId: pixelCode, accessToken, testEventCode });
  }

  // Meta's hashes differ from the stored TikTok-form ones (phone digits without "+", hashed city,
  // state and country, US state codes and 5-digit ZIPs), so they are made at ingest from the plain values.
  // Only the identifiers: ip, user agent, fbc and fbp stay the event's own (resolved, restored) values.
  normalizeUser(input: PlatformUserInput, settings: { defaultCountry?: string }): PlatformUserData {
    const { email, phone, external_id, first_name, last_name, city, state, country, zip_code } = input;
    const identifiers = { email, phone, external_id, first_name, last_name, city, state, country, zip_code };
    const { userData, warnings } = this.normalizer.normalize(identifiers, { defaultCountry: settings.defaultCountry, externalId: 'hashed' });
    return { userData: { ...userData }, warnings };
  }

  // test_event_code sits at the top of a request and every event of a batch is the same connector's.
  batchLimit(): number {
    return META_MAX_EVENTS_PER_REQUEST;
  }

  resolveEventName(sourceName: string, connector: Connector): PlatformEventName {
    return resolvePlatformEventName(sourceName, connector.eventMapping, connector.options.unmappedEvents, META_EVENT_NAME_RULES);
  }

  mapEvent(event: NormalizedEvent, platformEventName: string, connector: Connector): MetaServerEvent {
    return this.mapper.mapEvent(event, storedUserData(event), {
      metaEventName: platformEventName,
      sendIp: connector.options.sendIp,
      sendUserAgent: connector.options.sendUserAgent,
    });
  }

  buildRequest(events: MetaServerEvent[], connector: Connector): MetaEventsRequest {
    return this.mapper.buildRequest(events, { testEventCode: connector.testEventCode ?? undefined });
  }

  async send(accessToken: string, request: MetaEventsRequest, connector: Connector, signal?: AbortSignal): Promise<PlatformSendResult> {
    const result = await this.client.sendEvents(connector.pixelCode, accessToken, request, signal);
    return { outcome: result.outcome, ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }), latencyMs: result.latencyMs };
  }
}

// What ingest made with Meta's rules. Events stored before it (or with no plain identifiers) fall
// back to the email hashes, whose rule (trimmed, lowercased) Meta shares; the other stored hashes
// follow TikTok's rules and would never match at Meta.
function storedUserData(event: NormalizedEvent): MetaUserData {
  const stored = event.platformUser?.meta;
  if (stored !== undefined) return stored as MetaUserData;
  return event.user.email === undefined ? {} : { em: event.user.email };
}
