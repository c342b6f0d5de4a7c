import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { MAX_ATTRIBUTION_WINDOW_DAYS } from '../workspace-settings';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { RETENTION_BOUNDS, WorkspaceSettings } from '../workspace-settings';
import { ROLES, Role } from '../../access/role';
import { trimmed, trimmedLowercase } from '@app/core';

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Acme Shop' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name: string;
}

export class WorkspaceSettingsDto implements Partial<WorkspaceSettings> {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'US', description: 'Country for phone numbers without a country code' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^[A-Z]{2}$/, { message: 'settings.defaultCountry must be an ISO 3166 alpha-2 code such as US' })
  defaultCountry?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  maxEventAgeDays?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_ATTRIBUTION_WINDOW_DAYS,
    default: 7,
    description: 'How long a captured click id (ttclid, ttp, fbc, fbp) is restored onto later events',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ATTRIBUTION_WINDOW_DAYS)
  attributionWindowDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 48 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  dedupWindowHours?: number;

  @ApiPropertyOptional({ default: true, description: 'Take IP and user agent from the request when the event has none' })
  @IsOptional()
  @IsBoolean()
  captureIpAndUserAgent?: boolean;

  @ApiPropertyOptional({
    minimum: RETENTION_BOUNDS.eventRetentionDays.min,
    maximum: RETENTION_BOUNDS.eventRetentionDays.max,
    default: 7,
    description: 'Days an accepted event and its payload are kept; an event with a pending or in-doubt delivery is kept until it settles',
  })
  @IsOptional()
  @IsInt()
  @Min(RETENTION_BOUNDS.eventRetentionDays.min)
  @Max(RETENTION_BOUNDS.eventRetentionDays.max)
  eventRetentionDays?: number;

  @ApiPropertyOptional({
    minimum: RETENTION_BOUNDS.deliveryLogRetentionDays.min,
    maximum: RETENTION_BOUNDS.deliveryLogRetentionDays.max,
    default: 30,
    description: 'Days a settled delivery attempt record is kept',
  })
  @IsOptional()
  @IsInt()
  @Min(RETENTION_BOUNDS.deliveryLogRetentionDays.min)
  @Max(RETENTION_BOUNDS.deliveryLogRetentionDays.max)
  deliveryLogRetentionDays?: number;
}

export class UpdateWorkspaceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'acme-shop' })
  @IsOptional()
  @Transform(trimmedLowercase)
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
    message: 'slug must be 1-64 lowercase letters, digits or dashes, not starting or ending with a dash',
  })
  slug?: string;

  @ApiPropertyOptional({ type: WorkspaceSettingsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkspaceSettingsDto)
  settings?: WorkspaceSettingsDto;
}

export class WorkspaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: WorkspaceSettingsDto }) settings: WorkspaceSettings;
  @ApiProperty() createdAt: Date;
}
