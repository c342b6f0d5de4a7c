import type { NormalizedEvent } from '@app/core';
import type { Connector } from '../connectors/connector';
import type { ClickIdKind } from './click-id-kind';
import type { PlatformSendOutcome } from './platform-send-outcome';

// What every ad platform (TikTok, Meta; Snapchat later) offers TrackLayer: the connect form and
// credential check, the click ids ingest captures for it, and the delivery adapter the one
// delivery engine (libs/delivery) calls. Nothing outside a platform's own lib names a platform.

// The platforms TrackLayer ships. Which ones a deployment offers is the apps' composition (the
// PLATFORMS list), so a platform id is any registered platform's id, checked against the registry.
export const PLATFORM_IDS = ['tiktok', 'meta'] as const;
export type PlatformId = string;
export const PLATFORM_ID_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;

export interface PlatformCredentials {
  // The platform's id of the pixel (TikTok's pixel code, Meta's pixel or dataset id).
  pixelCode: string;
  accessToken: string;
  testEventCode?: string;
}

export interface CredentialFieldDescription {
  name: keyof PlatformCredentials;
  label: string;
  secret: boolean;
  required: boolean;
  help: string;
}

export type CredentialCheckOutcome = 'valid' | 'rejected' | 'unreachable';

export interface CredentialCheck {
  outcome: CredentialCheckOutcome;
  // The platform's own code and message, when it answered.
  platformCode?: number;
  platformMessage: string;
  httpStatus?: number;
}

// What the delivery engine does with the events of an attempt whose answer it never saw (the
// worker died mid-request, or lost its database connection): the request may or may not have
// reached the platform. Only the platform knows whether sending them again is harmless.
export type InDoubtPolicy =
  // The platform drops a repeat of an event_id it has already received within the window: send
  // the events again (same event_ids), as the next attempt. Past the window, hold them instead.
  | { kind: 'resend'; dedupWindowMs: number }
  // A repeat would be counted twice: park the events as `in_doubt` for a person to replay or not.
  | { kind: 'hold' };

// What the platform's answer to one request came to, with the facts the delivery log keeps.
export interface PlatformSendResult {
  outcome: PlatformSendOutcome;
  // Absent when no HTTP answer arrived (timeout, connection error).
  httpStatus?: number;
  latencyMs: number;
}

// The platform's name for one source event, or the connector's choice to drop it.
export type PlatformEventName = { name: string; mapped: 'connector' | 'default' | 'custom' } | { dropped: true };

// The plain identifiers of an event's `user`, as the Ingest API takes them, for a platform that
// hashes them by rules of its own (Meta) instead of using the stored TikTok-form hashes.
export interface PlatformUserInput {
  email?: string | string[] | null;
  phone?: string | number | Array<string | number> | null;
  external_id?: string | number | Array<string | number> | null;
  first_name?: string | null;
  last_name?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
  zip_code?: string | number | null;
}

export interface PlatformUserData {
  // Hashes only: stored with the event as `platformUser[platformId]`, read by the platform's mapEvent.
  userData: Record<string, unknown>;
  warnings: Array<{ field: string; message: string }>;
}

export interface Platform<TEvent = unknown, TRequest = unknown> {
  readonly id: PlatformId;
  readonly displayName: string;
  readonly credentialFields: readonly CredentialFieldDescription[];
  // The browser and click identifiers this platform matches on (ttclid, ttp for TikTok), as ingest
  // captures and restores them (sources, restore window).
  readonly clickIdKinds: readonly ClickIdKind[];
  // Source event name -> platform event name, used when a connector's own mapping has no entry.
  readonly defaultEventNames: Readonly<Record<string, string>>;
  // The names the platform knows; any other name is sent as a custom event.
  readonly eventNames: readonly string[];
  readonly inDoubt: InDoubtPolicy;
  checkCredentials(credentials: PlatformCredentials): Promise<CredentialCheck>;
  // Why a connector's mapping target is not one of the platform's standard event names, or
  // undefined when it is one. Such targets are accepted (sent as custom events) but flagged.
  eventNameNotice?(target: string): string | undefined;
  // At ingest, per event: the platform's own hashes of the plain identifiers, when its rules differ
  // from the stored ones. Pure; the engine never calls it.
  normalizeUser?(input: PlatformUserInput, settings: { defaultCountry?: string }): PlatformUserData;

  // The delivery adapter. Most events one request may carry for this connector (the engine also
  // applies DELIVERY_BATCH_SIZE).
  batchLimit(connector: Connector): number;
  // The connector's mapping first, then the platform's default table.
  resolveEventName(sourceName: string, connector: Connector): PlatformEventName;
  mapEvent(event: NormalizedEvent, platformEventName: string, connector: Connector): TEvent;
  buildRequest(events: TEvent[], connector: Connector): TRequest;
  // One request. `signal` aborts it when the claim's transaction is gone. Never throws for an
  // answer: every answer, timeout and connection error is classified into the outcome.
  send(accessToken: string, request: TRequest, connector: Connector, signal?: AbortSignal): Promise<PlatformSendResult>;
}

// Multi-provider token: each platform module adds its implementation under it.
export const PLATFORMS = Symbol('PLATFORMS');
