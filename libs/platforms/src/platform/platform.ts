import type { ClickIdKind } from './click-id-kind';

// What every ad platform (TikTok now; Meta, Snapchat later) offers TrackLayer's connectors.
// Ingest never sees this: it stores events, and each platform's delivery reads connectors.

export const PLATFORM_IDS = ['tiktok'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export interface PlatformCredentials {
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

export interface Platform {
  readonly id: PlatformId;
  readonly displayName: string;
  readonly credentialFields: readonly CredentialFieldDescription[];
  // The browser and click identifiers this platform matches on (ttclid, ttp for TikTok).
  readonly clickIds: readonly string[];
  // The same identifiers as ingest captures and restores them (sources, restore window).
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
}

// Multi-provider token: each platform module adds its implementation under it.
export const PLATFORMS = Symbol('PLATFORMS');
