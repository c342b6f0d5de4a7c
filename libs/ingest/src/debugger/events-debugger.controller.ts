import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, DomainError, RESPONSE_MAX_BYTES, TRUNCATED_HEADER } from '@app/core';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { DebuggedEventView, EventReplayResponse, EventStoryView } from './dto/debugged-event.dto';
import { EventFiltersDto, EventReplayDto } from './dto/event-filters.dto';
import { decodeEventCursor } from './event-cursor';
import { DebuggedEvent, EventFilters, EventStory, EventStoryService } from './event-story.service';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

export const NEXT_CURSOR_HEADER = 'TrackLayer-Next-Cursor';
// A replay of a filtered set sends at most this many events; a larger set is paged by time.
const REPLAY_MAX_EVENTS = 500;

@ApiTags('events')
@ApiBearerAuth()
@WorkspaceParam()
@ApiExtraModels(DebuggedEventView, EventStoryView)
@Controller('v1/workspaces/:workspaceId/events')
export class EventsDebuggerController {
  constructor(private readonly stories: EventStoryService) {}

  @ApiOperation({
    summary: 'Events, newest first: stored ones (normalized and raw, with their delivery status per connector), or refused ones (`status=rejected|duplicate`)',
  })
  @ApiErrors(400, 401, 404)
  @Get()
  @ApiOkResponse({
    schema: { type: 'array', items: { oneOf: [{ $ref: getSchemaPath(DebuggedEventView) }, { $ref: getSchemaPath(EventStoryView) }] } },
    description: `Stored events (DebuggedEventView) or, with status rejected or duplicate, EventStoryView items. A page carries at most ${RESPONSE_MAX_BYTES} bytes of events (and always one)`,
    headers: {
      [TRUNCATED_HEADER]: { description: '"true" when fewer events than `limit` came back because of the byte budget', schema: { type: 'string' } },
      [NEXT_CURSOR_HEADER]: { description: 'Present when there may be more: pass it as `cursor` for the next page', schema: { type: 'string' } },
    },
  })
  async list(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Query() query: EventFiltersDto,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<Array<DebuggedEvent | EventStory>> {
    const filters = filtersOf(query);
    const page =
      query.status === 'rejected' || query.status === 'duplicate'
        ? await this.stories.refused(ws.workspaceId, query.status, filters)
        : await this.stories.search(ws.workspaceId, filters);
    if (page.truncated) reply.header(TRUNCATED_HEADER, 'true');
    if (page.nextCursor !== undefined) reply.header(NEXT_CURSOR_HEADER, page.nextCursor);
    return page.events;
  }

  @ApiOperation({
    summary: "One event's story: raw as it arrived, normalized, and per connector every request with the platform's answer and the event object sent",
  })
  @ApiErrors(401, 404)
  @Get(':eventRef')
  @ApiOkResponse({ type: EventStoryView })
  story(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('eventRef', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) eventRef: string,
  ): Promise<EventStory> {
    return this.stories.story(ws.workspaceId, eventRef);
  }

  @ApiOperation({ summary: `Send the events matching the filters again (member; at most ${REPLAY_MAX_EVENTS} per call, newest first)` })
  @ApiErrors(400, 401, 403, 404)
  @Post('replay')
  @RequireRole('member')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: EventReplayResponse })
  async replayMatching(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: EventFiltersDto): Promise<EventReplayResponse> {
    if (query.status === 'rejected' || query.status === 'duplicate') {
      throw new DomainError('bad_request', 'not_replayable', 'Only stored events can be sent again', { field: 'status' });
    }
    const page = await this.stories.search(ws.workspaceId, { ...filtersOf(query), limit: Math.min(query.limit ?? REPLAY_MAX_EVENTS, REPLAY_MAX_EVENTS) });
    return { requeued: await this.stories.replay(ws.workspaceId, page.events.map((event) => event.id), query.connectorId) };
  }

  @ApiOperation({ summary: 'Send one event again, to every connector or one (member)' })
  @ApiErrors(400, 401, 403, 404, 413)
  @Post(':eventRef/replay')
  @RequireRole('member')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: EventReplayResponse })
  async replayOne(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('eventRef', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) eventRef: string,
    @Body() body: EventReplayDto,
  ): Promise<EventReplayResponse> {
    const story = await this.stories.story(ws.workspaceId, eventRef);
    if (story.status !== 'accepted') throw new DomainError('bad_request', 'not_replayable', 'Only stored events can be sent again', { field: 'eventRef' });
    return { requeued: await this.stories.replay(ws.workspaceId, [eventRef], body.connectorId) };
  }
}

function filtersOf(query: EventFiltersDto): EventFilters {
  const cursor = query.cursor === undefined ? undefined : decodeEventCursor(query.cursor);
  if (query.cursor !== undefined && cursor === undefined) {
    throw new DomainError('bad_request', 'invalid_cursor', 'cursor is not one this API returned', { fields: [{ field: 'cursor', message: 'is not one this API returned' }] });
  }
  return {
    eventId: query.eventId,
    eventName: query.event,
    status: query.status,
    connectorId: query.connectorId,
    from: query.from,
    to: query.to,
    anonymousId: query.anonymous_id,
    ttclid: query.ttclid,
    orderId: query.order_id,
    deliveryLogId: query.deliveryLogId,
    cursor,
    limit: query.limit ?? 50,
  };
}
