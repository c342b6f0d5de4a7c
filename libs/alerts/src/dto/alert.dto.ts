import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateBy } from 'class-validator';
import { LimitQueryDto, trimmed } from '@app/core';
import { ALERT_KINDS, AlertKind } from '../alert-rules';
import { WebhookStatus } from '../alerts.repository';

// Long enough to be a key, printable so it can live in an environment variable.
const WEBHOOK_SECRET = /^[\x21-\x7e]{16,256}$/;

export class AlertsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], description: 'Only the open or only the resolved alerts; default both' })
  @IsOptional()
  @IsIn(['open', 'resolved'], { message: 'status must be open or resolved' })
  status?: 'open' | 'resolved';
}

export class AlertWebhookDeliveryView {
  @ApiProperty({ enum: ['pending', 'sent', 'failed', 'none'], description: '`none`: the workspace had no webhook when the alert was raised' })
  status: WebhookStatus;
  @ApiProperty({ description: 'Sends so far, the one in flight included' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last send failed' }) lastError: string | null;
}

export class AlertView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind: AlertKind;
  @ApiProperty({ description: 'What the alert is about: a connector id, or `workspace`' }) subject: string;
  @ApiProperty({ enum: ['open', 'resolved'], description: 'Open while its condition lasts; one open alert per kind and subject' })
  status: 'open' | 'resolved';
  @ApiProperty() message: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'connector_invalid: `connector` {id, name, platform}, `code`, `message`; no_traffic: `lastEventAt`, `windowMinutes`; rejection_rate: `rejected`, `received`, `rate`, `threshold`, `windowMinutes`',
  })
  details: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) raisedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: Date | null;
  @ApiProperty({ type: AlertWebhookDeliveryView }) webhook: AlertWebhookDeliveryView;
}

export class SetAlertWebhookDto {
  @ApiProperty({ example: 'https://ops.example.com/hooks/tracklayer', description: 'Where alerts are POSTed (http or https)' })
  @Transform(trimmed)
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  // fetch refuses a URL with credentials in it: such a webhook could never be sent.
  @ValidateBy({
    name: 'hasNoCredentials',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && URL.canParse(value) && !new URL(value).username && !new URL(value).password,
      defaultMessage: () => 'url must not include a user name or password (put a token in the path or query instead)',
    },
  })
  url: string;

  @ApiPropertyOptional({
    writeOnly: true,
    minLength: 16,
    maxLength: 256,
    description: 'Your own signing secret (never returned). Without it a new webhook gets one made by TrackLayer, and an existing one keeps its secret',
  })
  @IsOptional()
  @IsString()
  @Matches(WEBHOOK_SECRET, { message: 'secret must be 16 to 256 visible ASCII characters' })
  secret?: string;

  @ApiPropertyOptional({ default: false, description: 'Replace the secret with a new one made by TrackLayer (returned once)' })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class AlertWebhookView {
  @ApiProperty() url: string;
  @ApiPropertyOptional({
    description: 'The signing secret TrackLayer made: returned once, when a webhook is created without a secret or with rotateSecret; store it now',
  })
  secret?: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}
