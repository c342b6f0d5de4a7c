import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { CreatedIngestKeyView, CreateIngestKeyDto, IngestKeyView } from './dto/ingest-key.dto';
import { IngestKeysService } from './ingest-keys.service';

@ApiTags('ingest keys')
@ApiBearerAuth()
@WorkspaceParam()
@Controller('v1/workspaces/:workspaceId/ingest-keys')
export class IngestKeysController {
  constructor(private readonly keys: IngestKeysService) {}

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: CreatedIngestKeyView })
  create(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateIngestKeyDto): Promise<CreatedIngestKeyView> {
    return this.keys.create(ws.workspaceId, body.name, ws.userId);
  }

  @Get()
  @ApiOkResponse({ type: [IngestKeyView] })
  list(@CurrentWorkspace() ws: WorkspaceContext): Promise<IngestKeyView[]> {
    return this.keys.list(ws.workspaceId);
  }

  @Delete(':keyId')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(
    @CurrentWorkspace() ws: WorkspaceContext,
    @Param('keyId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) keyId: string,
  ): Promise<void> {
    await this.keys.revoke(ws.workspaceId, keyId);
  }
}
