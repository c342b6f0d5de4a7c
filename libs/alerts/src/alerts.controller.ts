import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { AlertsService } from './alerts.service';
import { AlertsQueryDto, AlertView, AlertWebhookView, SetAlertWebhookDto } from './dto/alert.dto';

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

  @ApiOperation({ summary: 'The alert webhook (admin; never the secret); 404 when none is set' })
  @ApiErrors(403)
  @Get('webhook')
  @RequireRole('admin')
  @ApiOkResponse({ type: AlertWebhookView })
  webhook(@CurrentWorkspace() ws: WorkspaceContext): Promise<AlertWebhookView> {
    return this.alerts.webhook(ws.workspaceId);
  }

  @ApiOperation({ summary: 'Set the alert webhook URL (admin); a new webhook, or rotateSecret, returns its signing secret once' })
  @ApiErrors(400, 403, 413)
  @Put('webhook')
  @RequireRole('admin')
  @ApiOkResponse({ type: AlertWebhookView })
  setWebhook(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: SetAlertWebhookDto): Promise<AlertWebhookView> {
    return this.alerts.setWebhook(ws.workspaceId, body.url, body.rotateSecret ?? false);
  }

  @ApiOperation({ summary: 'Remove the alert webhook (admin); alerts are still listed here' })
  @ApiErrors(403)
  @Delete('webhook')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async clearWebhook(@CurrentWorkspace() ws: WorkspaceContext): Promise<void> {
    await this.alerts.clearWebhook(ws.workspaceId);
  }
}
