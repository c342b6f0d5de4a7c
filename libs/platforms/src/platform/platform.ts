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

export interface Platform {
  readonly id: PlatformId;
  readonly displayName: string;
  readonly credentialFields: readonly CredentialFieldDescription[];
  checkCredentials(credentials: PlatformCredentials): Promise<CredentialCheck>;
}

// Multi-provider token: each platform module adds its implementation under it.
export const PLATFORMS = Symbol('PLATFORMS');
