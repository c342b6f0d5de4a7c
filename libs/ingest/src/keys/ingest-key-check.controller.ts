import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '@app/core';
import { IngestKeyGuard } from './ingest-key.guard';
import { CurrentIngestKey } from './current-ingest-key.decorator';
import { ResolvedIngestKey } from './ingest-key.cache';

class IngestKeyCheckView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ format: 'uuid' }) workspaceId: string;
  @ApiProperty({ format: 'uuid' }) keyId: string;
}

// Lets a customer (or the setup guide's "did it reach TrackLayer?" step) check a key without
// sending an event.
@ApiTags('ingest')
@ApiSecurity('ingestKey')
@ApiHeader({ name: 'X-TrackLayer-Key', required: false })
@Controller('v1/ingest')
export class IngestKeyCheckController {
  @Public()
  @UseGuards(IngestKeyGuard)
  @ApiOperation({ summary: 'Check an ingest key without sending an event' })
  @ApiQuery({ name: 'key', required: false, description: 'the key, when no header can be set' })
  @ApiErrors([401, 'No ingest key, or an unknown or revoked one'])
  @Get('verify')
  @ApiOkResponse({ type: IngestKeyCheckView })
  verify(@CurrentIngestKey() key: ResolvedIngestKey): IngestKeyCheckView {
    return { ok: true, workspaceId: key.workspaceId, keyId: key.keyId };
  }
}
