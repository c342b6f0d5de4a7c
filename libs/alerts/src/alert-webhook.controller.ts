import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { AlertsService } from './alerts.service';
import { AlertWebhookView, SetAlertWebhookDto } from './dto/alert.dto';

// The workspace's one webhook, where its alerts are POSTed (docs/alerts.md).
@ApiTags('alerts')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId/webhook')
export class AlertWebhookController {
  constructor(private readonly alerts: AlertsService) {}

  @ApiOperation({ summary: 'The alert webhook (admin; never the secret); 404 when none is set' })
  @ApiErrors(403)
  @Get()
  @RequireRole('admin')
  @ApiOkResponse({ type: AlertWebhookView })
  webhook(@CurrentWorkspace() ws: WorkspaceContext): Promise<AlertWebhookView> {
    return this.alerts.webhook(ws.workspaceId);
  }

  @ApiOperation({ summary: 'Set the alert webhook (admin): its URL, and your own signing secret or one TrackLayer makes (returned this once)' })
  @ApiErrors(400, 403, 413)
  @Put()
  @RequireRole('admin')
  @ApiOkResponse({ type: AlertWebhookView })
  setWebhook(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: SetAlertWebhookDto): Promise<AlertWebhookView> {
    return this.alerts.setWebhook(ws.workspaceId, body);
  }

  @ApiOperation({ summary: 'Remove the alert webhook (admin); alerts are still stored and listed' })
  @ApiErrors(403)
  @Delete()
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async clearWebhook(@CurrentWorkspace() ws: WorkspaceContext): Promise<void> {
    await this.alerts.clearWebhook(ws.workspaceId);
  }
}
