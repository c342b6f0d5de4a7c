import type { WorkspaceId } from '@app/core';
import { PlatformId } from '../platform/platform';

export type ConnectorStatus = 'active' | 'invalid';
export type UnmappedEventsPolicy = 'send' | 'drop';

export interface ConnectorOptions {
  sendIp: boolean;
  sendUserAgent: boolean;
  unmappedEvents: UnmappedEventsPolicy;
}

export interface LastValidation {
  ok: boolean;
  at: string;
  code: number | null;
  message: string;
}

// A row of the connectors table, as ConnectorsRepository reads it (without the sealed token).
export interface Connector {
  // Generated before insert: the id is bound into the ciphertext's authenticated data.
  id: string;
  workspaceId: WorkspaceId;
  platform: PlatformId;
  name: string;
  pixelCode: string;
  accessTokenKeyId: string;
  accessTokenHint: string;
  testEventCode: string | null;
  status: ConnectorStatus;
  statusReason: string | null;
  eventMapping: Record<string, string>;
  options: ConnectorOptions;
  lastValidation: LastValidation | null;
  createdAt: Date;
  updatedAt: Date;
}

// With the token as CredentialVault sealed it; read only right before the token is needed.
export interface SealedConnector extends Connector {
  accessTokenSealed: string;
}
