import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { ConnectorsService } from './connectors.service';
import { ConnectorView, CreateConnectorDto, UpdateConnectorDto } from './dto/connector.dto';

const ConnectorId = () => Param('connectorId', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('connectors')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/connectors')
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: ConnectorView })
  create(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateConnectorDto): Promise<ConnectorView> {
    return this.connectors.create(ws.workspaceId, body);
  }

  @Get()
  @ApiOkResponse({ type: [ConnectorView] })
  list(@CurrentWorkspace() ws: WorkspaceContext): Promise<ConnectorView[]> {
    return this.connectors.list(ws.workspaceId);
  }

  @Get(':connectorId')
  @ApiOkResponse({ type: ConnectorView })
  get(@CurrentWorkspace() ws: WorkspaceContext, @ConnectorId() connectorId: string): Promise<ConnectorView> {
    return this.connectors.get(ws.workspaceId, connectorId);
  }

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

  @Delete(':connectorId')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentWorkspace() ws: WorkspaceContext, @ConnectorId() connectorId: string): Promise<void> {
    await this.connectors.remove(ws.workspaceId, connectorId);
  }

  // A check, not a change of settings: members may run it (it sends one test event).
  @Post(':connectorId/validate')
  @RequireRole('member')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectorView })
  validate(@CurrentWorkspace() ws: WorkspaceContext, @ConnectorId() connectorId: string): Promise<ConnectorView> {
    return this.connectors.validate(ws.workspaceId, connectorId);
  }
}
