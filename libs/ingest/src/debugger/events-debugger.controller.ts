import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiErrors, LimitQueryDto, RESPONSE_MAX_BYTES, TRUNCATED_HEADER } from '@app/core';
import { CurrentWorkspace, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { DebuggedEventView } from './dto/debugged-event.dto';
import { DebuggedEvent, EventsDebuggerService } from './events-debugger.service';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

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
  @ApiOkResponse({
    type: [DebuggedEventView],
    description: `Newest first; a page carries at most ${RESPONSE_MAX_BYTES} bytes of events (and always one)`,
    headers: {
      [TRUNCATED_HEADER]: {
        description: '"true" when fewer events than `limit` came back because of the byte budget',
        schema: { type: 'string' },
      },
    },
  })
  async recent(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Query() query: EventsQuery,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<DebuggedEvent[]> {
    const page = await this.events.recent(ws.workspaceId, query.eventId, query.limit ?? 50);
    if (page.truncated) reply.header(TRUNCATED_HEADER, 'true');
    return page.events;
  }
}
