import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@app/core';
import { CurrentWorkspace, RequireRole, WorkspaceContext, WorkspaceParam } from '@app/tenancy';
import { CreatedIngestKeyView, CreateIngestKeyDto, IngestKeyView } from './dto/ingest-key.dto';
import { IngestKeysService } from './ingest-keys.service';

@ApiTags('ingest keys')
@ApiBearerAuth()
@WorkspaceParam()
@ApiErrors(401, 404)
@Controller('v1/workspaces/:workspaceId/ingest-keys')
export class IngestKeysController {
  constructor(private readonly keys: IngestKeysService) {}

  // The answer carries the full key: never stored by a browser or a proxy.
  @ApiOperation({ summary: 'Create an ingest key (admin); the full key is in this answer only' })
  @ApiErrors(400, 403, 413)
  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: CreatedIngestKeyView })
  @Header('Cache-Control', 'no-store')
  create(@CurrentWorkspace() ws: WorkspaceContext, @Body() body: CreateIngestKeyDto): Promise<CreatedIngestKeyView> {
    return this.keys.create(ws.workspaceId, body.name, ws.userId);
  }

  @ApiOperation({ summary: "The workspace's ingest keys: prefix, last use, revocation; never the key" })
  @Get()
  @ApiOkResponse({ type: [IngestKeyView] })
  list(@CurrentWorkspace() ws: WorkspaceContext): Promise<IngestKeyView[]> {
    return this.keys.list(ws.workspaceId);
  }

  @ApiOperation({ summary: 'Revoke an ingest key (admin): it stops working within a second' })
  @ApiErrors(403)
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
