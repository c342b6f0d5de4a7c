import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { CurrentWorkspace, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { AlertsService } from './alerts.service';
import { AlertsQueryDto, AlertView } from './dto/alert.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @ApiOperation({ summary: 'The alerts of the workspace, newest first: invalid connectors, no traffic, rejection rate; with the state of each webhook notification' })
  @ApiErrors(400)
  @Get()
  @ApiOkResponse({ type: [AlertView] })
  list(@CurrentWorkspace() ws: WorkspaceContext, @Query() query: AlertsQueryDto): Promise<AlertView[]> {
    return this.alerts.list(ws.workspaceId, query.status ?? null, query.limit ?? 50);
  }
}
