import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { ConnectorsService } from './connectors.service';
import { ConnectorView, CreateConnectorDto, UpdateConnectorDto } from './dto/connector.dto';

const ConnectorId = () => Param('connectorId', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('connectors')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId/connectors')
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  @ApiOperation({ summary: 'Connect a platform pixel (admin); the credentials are checked live first, nothing is saved if refused' })
  @ApiErrors(400, 403, 413, 422, 502)
  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: ConnectorView })
  create(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateConnectorDto): Promise<ConnectorView> {
    return this.connectors.create(ws.workspaceId, body);
  }

  @ApiOperation({ summary: 'The connectors of the workspace (never the access token)' })
  @Get()
  @ApiOkResponse({ type: [ConnectorView] })
  list(@CurrentWorkspace() ws: WorkspaceContext): Promise<ConnectorView[]> {
    return this.connectors.list(ws.workspaceId);
  }

  @ApiOperation({ summary: 'One connector' })
  @Get(':connectorId')
  @ApiOkResponse({ type: ConnectorView })
  get(@CurrentWorkspace() ws: WorkspaceContext, @ConnectorId() connectorId: string): Promise<ConnectorView> {
    return this.connectors.get(ws.workspaceId, connectorId);
  }

  @ApiOperation({ summary: 'Change a connector (admin); new credentials are checked live again' })
  @ApiErrors(400, 403, 413, 422, 502)
  @Patch(':connectorId')
  @RequireRole('admin')
  @ApiOkResponse({ type: ConnectorView })
  update(
    @CurrentWorkspace() ws: WorkspaceContext,
    @ConnectorId() connectorId: string,
    @Body() body: UpdateConnectorDto,
  ): Promise<ConnectorView> {
    return this.connectors.update(ws.workspaceId, connectorId, body);
  }

  @ApiOperation({ summary: 'Remove a connector (admin)' })
  @ApiErrors(403)
  @Delete(':connectorId')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentWorkspace() ws: WorkspaceContext, @ConnectorId() connectorId: string): Promise<void> {
    await this.connectors.remove(ws.workspaceId, connectorId);
  }

  // A check, not a change of settings: members may run it (it sends one test event).
  @ApiOperation({ summary: 'Check the stored credentials with the platform now (member); a refusal marks the connector invalid' })
  @ApiErrors(
    403,
    [422, 'The platform refused the credentials; the connector is now `invalid` (`details.platformCode`, `details.platformMessage`)'],
    [502, 'The platform could not be reached; the status is unchanged'],
  )
  @Post(':connectorId/validate')
  @RequireRole('member')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectorView })
  validate(@CurrentWorkspace() ws: WorkspaceContext, @ConnectorId() connectorId: string): Promise<ConnectorView> {
    return this.connectors.validate(ws.workspaceId, connectorId);
  }
}
