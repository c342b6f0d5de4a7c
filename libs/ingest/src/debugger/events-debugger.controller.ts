import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiErrors, LimitQueryDto } from '@app/core';
import { CurrentWorkspace, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { DebuggedEventView } from './dto/debugged-event.dto';
import { DebuggedEvent, EventsDebuggerService } from './events-debugger.service';

class EventsQuery extends LimitQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  eventId?: string;
}

@ApiTags('events')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/events')
export class EventsDebuggerController {
  constructor(private readonly events: EventsDebuggerService) {}

  @ApiOperation({ summary: 'Recent accepted events as stored (normalized), each with its delivery status per connector' })
  @ApiErrors(400, 401, 404)
  @Get()
  @ApiOkResponse({ type: [DebuggedEventView] })
  recent(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: EventsQuery): Promise<DebuggedEvent[]> {
    return this.events.recent(ws.workspaceId, query.eventId, query.limit ?? 50);
  }
}
