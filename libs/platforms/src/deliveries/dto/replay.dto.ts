import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsDate, IsIn, IsOptional, IsUUID } from 'class-validator';
import { LimitQueryDto } from '@app/core';

export const REPLAYABLE_STATUSES = ['failed', 'rejected', 'skipped', 'delivered', 'in_doubt'] as const;

export class ReplayDto {
  @ApiProperty({ example: '2026-11-25T00:00:00Z' })
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 time' })
  from: Date;

  @ApiProperty({ example: '2026-11-26T00:00:00Z' })
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 time' })
  to: Date;

  @ApiPropertyOptional({ enum: REPLAYABLE_STATUSES, isArray: true, default: ['failed', 'rejected'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REPLAYABLE_STATUSES, { each: true, message: `status must be among ${REPLAYABLE_STATUSES.join(', ')}` })
  status?: Array<(typeof REPLAYABLE_STATUSES)[number]>;
}

export class DeliveryLogsQuery extends LimitQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'connectorId must be a UUID' })
  connectorId?: string;
}
