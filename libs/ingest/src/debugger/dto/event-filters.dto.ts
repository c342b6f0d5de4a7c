import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LimitQueryDto } from '@app/core';
import { EVENT_STATUSES, EventStatusFilter } from '../event-story.service';

// The events debugger's filters, all optional and combined with AND.
export class EventFiltersDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'The event_id as sent (or derived)' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  eventId?: string;

  @ApiPropertyOptional({ description: 'The source event name as sent' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  event?: string;

  @ApiPropertyOptional({
    enum: EVENT_STATUSES,
    description:
      'accepted: every stored event; duplicate / rejected: refused at ingest (kept redacted, bounded in time and count); ' +
      'delivered / pending / platform-rejected: a delivery (to `connectorId`, or any) has that status',
  })
  @IsOptional()
  @IsIn(EVENT_STATUSES, { message: `status must be one of ${EVENT_STATUSES.join(', ')}` })
  status?: EventStatusFilter;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events delivered (or to be) to this connector' })
  @IsOptional()
  @IsUUID('all', { message: 'connectorId must be a UUID' })
  connectorId?: string;

  @ApiPropertyOptional({ description: 'Received at or after (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 time' })
  from?: Date;

  @ApiPropertyOptional({ description: 'Received before (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 time' })
  to?: Date;

  @ApiPropertyOptional({ name: 'anonymous_id' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  anonymous_id?: string;

  @ApiPropertyOptional({ description: 'The ttclid the normalized event carries (captured or restored)' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  ttclid?: string;

  @ApiPropertyOptional({ name: 'order_id' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  order_id?: string;

  @ApiPropertyOptional({ description: 'The events one request carried (a delivery log id, GET /delivery-logs)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'deliveryLogId must be a delivery log id' })
  deliveryLogId?: string;

  @ApiPropertyOptional({ description: 'The TrackLayer-Next-Cursor header of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class EventReplayDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the deliveries to this connector (default: every connector)' })
  @IsOptional()
  @IsUUID('all', { message: 'connectorId must be a UUID' })
  connectorId?: string;
}
