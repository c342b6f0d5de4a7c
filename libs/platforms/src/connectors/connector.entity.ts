import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
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

@Entity({ name: 'connectors' })
export class Connector {
  // Generated before insert: the id is bound into the ciphertext's authenticated data.
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'text' })
  platform: PlatformId;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'pixel_code', type: 'text' })
  pixelCode: string;

  // Sealed by CredentialVault; never selected unless a request is about to be sent.
  @Column({ name: 'access_token_sealed', type: 'text', select: false })
  accessTokenSealed: string;

  @Column({ name: 'access_token_key_id', type: 'text' })
  accessTokenKeyId: string;

  @Column({ name: 'access_token_hint', type: 'text' })
  accessTokenHint: string;

  @Column({ name: 'test_event_code', type: 'text', nullable: true })
  testEventCode: string | null;

  @Column({ type: 'text' })
  status: ConnectorStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'event_mapping', type: 'jsonb' })
  eventMapping: Record<string, string>;

  @Column({ type: 'jsonb' })
  options: ConnectorOptions;

  @Column({ name: 'last_validation', type: 'jsonb', nullable: true })
  lastValidation: LastValidation | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
