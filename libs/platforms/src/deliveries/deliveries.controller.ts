import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DomainError } from '@app/core';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { ConnectorsService } from '../connectors/connectors.service';
import { DeliveryOutbox } from './delivery-outbox';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryLogsRepository } from './delivery-logs.repository';
import { DeliveryLogView } from './delivery-logs.repository';
import { DeliveryLogResponse, ReplayResponse } from './dto/delivery-responses.dto';
import { DeliveryLogsQuery, ReplayDto } from './dto/replay.dto';

@ApiTags('deliveries')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly deliveryLogs: DeliveryLogsRepository,
    private readonly connectors: ConnectorsService,
    private readonly outbox: DeliveryOutbox,
  ) {}

  @ApiOperation({ summary: 'The requests made to platforms, newest first: status, platform code and message, request id, latency' })
  @ApiErrors(400)
  @Get('delivery-logs')
  @ApiOkResponse({ type: [DeliveryLogResponse] })
  logs(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: DeliveryLogsQuery): Promise<DeliveryLogView[]> {
    return this.deliveryLogs.list(ws.workspaceId, query.connectorId, query.limit ?? 50);
  }

  @ApiOperation({ summary: "Send a connector's matching deliveries again (member), e.g. after fixing its token" })
  @ApiErrors(400, 403, 413)
  @Post('connectors/:connectorId/replay')
  @RequireRole('member')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReplayResponse })
  async replay(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('connectorId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) connectorId: string,
    @Body() body: ReplayDto,
  ): Promise<ReplayResponse> {
    await this.connectors.get(ws.workspaceId, connectorId);
    if (body.to <= body.from) throw new DomainError('bad_request', 'invalid_range', 'to must be after from', { field: 'to' });
    const requeued = await this.deliveries.requeue(ws.workspaceId, connectorId, body.from, body.to, body.status ?? ['failed', 'rejected']);
    this.outbox.notify(ws.workspaceId, [connectorId]);
    return { requeued };
  }
}
