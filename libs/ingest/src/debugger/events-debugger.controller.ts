import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CurrentWorkspace, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { DebuggedEvent, EventsDebuggerService } from './events-debugger.service';

class EventsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  eventId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('events')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/events')
export class EventsDebuggerController {
  constructor(private readonly events: EventsDebuggerService) {}

  @Get()
  recent(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: EventsQuery): Promise<DebuggedEvent[]> {
    return this.events.recent(ws.workspaceId, query.eventId, query.limit ?? 50);
  }
}
