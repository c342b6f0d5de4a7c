import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { trimmed } from '@app/core';
import { PLATFORM_ID_PATTERN, PLATFORM_IDS, PlatformId } from '../../platform/platform';
import { ConnectorStatus, UnmappedEventsPolicy } from '../connector';
import { IsEventMapping } from './is-event-mapping.validator';

const PIXEL_CODE = /^[A-Za-z0-9_-]{4,64}$/;
// TikTok's Events API takes events up to 7 days old; older ones would only be rejected.
export const MAX_BACKFILL_HOURS = 168;
const BACKFILL_MESSAGE = `backfillHours must be a whole number of hours from 1 to ${MAX_BACKFILL_HOURS} (the platform takes events up to 7 days old)`;
// The token travels in an HTTP header (Access-Token): visible ASCII only, or the HTTP client
// throws at send time instead of the user hearing about it here.
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

export class ConnectorOptionsDto {
  @ApiPropertyOptional({ default: true, description: 'Forward the visitor IP address' })
  @IsOptional()
  @IsBoolean()
  sendIp?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Forward the visitor user agent' })
  @IsOptional()
  @IsBoolean()
  sendUserAgent?: boolean;

  @ApiPropertyOptional({ enum: ['send', 'drop'], default: 'send', description: 'Events without a platform event name: send as custom, or drop and count' })
  @IsOptional()
  @IsIn(['send', 'drop'], { message: 'options.unmappedEvents must be send or drop' })
  unmappedEvents?: UnmappedEventsPolicy;
}

export class CreateConnectorDto {
  // The enum documents the shipped platforms; the registry decides (an unknown one is a 400).
  @ApiProperty({ enum: PLATFORM_IDS })
  @IsString()
  @Matches(PLATFORM_ID_PATTERN, { message: `platform must be one of ${PLATFORM_IDS.join(', ')}` })
  platform: PlatformId;

  @ApiProperty({ example: 'TikTok main pixel' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'CD9079RC77U0N3GBV16Y' })
  @Transform(trimmed)
  @IsString()
  @Matches(PIXEL_CODE, { message: "pixelCode must be the platform's pixel id (TikTok's Pixel Code, Meta's pixel or dataset ID: letters and digits)" })
  pixelCode: string;

  @ApiProperty({ writeOnly: true, description: 'Events API access token; never returned' })
  @Transform(trimmed)
  @IsString()
  @MinLength(8, { message: 'accessToken looks too short to be an access token' })
  @MaxLength(1024)
  @Matches(HEADER_SAFE_TOKEN, { message: 'accessToken must be visible ASCII characters only (no spaces, control or non-ASCII characters)' })
  accessToken: string;

  @ApiPropertyOptional({ example: 'TEST12345', description: "Routes events to the pixel's Test Events tab" })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(100)
  testEventCode?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { purchase: 'CompletePayment' },
    description: 'Source event name -> platform event name',
  })
  @IsOptional()
  @IsEventMapping()
  eventMapping?: Record<string, string>;

  @ApiPropertyOptional({ type: ConnectorOptionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConnectorOptionsDto)
  options?: ConnectorOptionsDto;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_BACKFILL_HOURS,
    description: 'Opt-in: also deliver the events the workspace accepted in this many hours before the connector existed. Default: new events only',
  })
  @IsOptional()
  // One check, so a wrong value gets one message rather than one per bound it misses.
  @ValidateBy({
    name: 'isBackfillHours',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_BACKFILL_HOURS,
      defaultMessage: () => BACKFILL_MESSAGE,
    },
  })
  backfillHours?: number;
}

// Every create field but the platform and the backfill, optional; a PATCH that touches pixelCode
// or accessToken is validated with the platform again. testEventCode: null removes it.
export class UpdateConnectorDto extends PartialType(OmitType(CreateConnectorDto, ['platform', 'backfillHours'] as const)) {}

export class LastValidationView {
  @ApiProperty() ok: boolean;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: Number }) code: number | null;
  @ApiProperty() message: string;
}

export class EventMappingNoticeView {
  @ApiProperty({ example: 'Order Completed' }) source: string;
  @ApiProperty({ example: 'complete payment' }) target: string;
  @ApiProperty({ example: '"complete payment" is not a TikTok standard event name; it is sent as a custom event. Did you mean "CompletePayment"?' })
  message: string;
}

export class ConnectorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLATFORM_IDS }) platform: PlatformId;
  @ApiProperty() name: string;
  @ApiProperty() pixelCode: string;
  @ApiProperty({ example: '…a1b2' }) accessTokenHint: string;
  @ApiProperty({ nullable: true, type: String }) testEventCode: string | null;
  @ApiProperty({ enum: ['active', 'invalid'] }) status: ConnectorStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ type: LastValidationView, nullable: true }) lastValidation: LastValidationView | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) eventMapping: Record<string, string>;
  @ApiProperty({ type: [EventMappingNoticeView], description: 'Mapping targets that are not standard platform event names (accepted, sent as custom events)' })
  eventMappingNotices: EventMappingNoticeView[];
  @ApiProperty({ type: ConnectorOptionsDto }) options: Required<ConnectorOptionsDto>;
  @ApiPropertyOptional({ description: 'On creation with backfillHours: the earlier events given a delivery for this connector' })
  backfilledEvents?: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
