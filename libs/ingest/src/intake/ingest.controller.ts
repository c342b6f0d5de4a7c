import { Body, Controller, Header, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, BODY_CHECKED_PER_ITEM, ErrorResponse, Public } from '@app/core';
import { CurrentIngestKey } from '../keys/current-ingest-key.decorator';
import { ResolvedIngestKey } from '../keys/ingest-key.cache';
import { IngestKeyGuard } from '../keys/ingest-key.guard';
import { requestComesFromBrowser } from '../normalization/sender.classifier';
import { INGEST_BODY_SCHEMA, INGEST_RESPONSE_SCHEMA } from '../validation/ingest-event.schema';
import { MAX_BATCH_SIZE } from './ingest-body.parser';
import { IngestResponse } from './ingest-response';
import { IngestService } from './ingest.service';

interface IngestHttpRequest {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

interface StatusReply {
  status(code: number): unknown;
}

@ApiTags('ingest')
@ApiExtraModels(ErrorResponse)
@ApiSecurity('ingestKey')
@ApiHeader({ name: 'X-TrackLayer-Key', required: false, description: 'or Authorization: Bearer <key>, or ?key=' })
@Controller('v1/ingest')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Public()
  @UseGuards(IngestKeyGuard)
  @Post()
  @HttpCode(202)
  // @fastify/helmet rebuilds its middleware on every request (~4% of ingest's CPU); the ingest
  // answer is JSON for beacons and servers, where of all its headers only nosniff applies. The
  // body is bounded per event (validateIngestEvent), so one bad event does not sink its batch.
  @RouteConfig({ helmet: { skipRoute: true }, [BODY_CHECKED_PER_ITEM]: true })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary: 'Send one event or a batch',
    description:
      'Each event is validated, normalized and stored in Postgres before the answer, then delivered to every connector of the ' +
      'workspace. `text/plain` bodies (navigator.sendBeacon) are read as JSON. See docs/api.md, Ingest API.',
  })
  @ApiConsumes('application/json', 'text/plain')
  @ApiQuery({ name: 'key', required: false, description: 'the ingest key, for navigator.sendBeacon (which cannot set headers)' })
  @ApiBody({ description: `One event, or {"batch": [event, ...]} with 1 to ${MAX_BATCH_SIZE} events`, schema: INGEST_BODY_SCHEMA })
  @ApiResponse({ status: 202, description: 'At least one event was accepted or was a duplicate; one result per event', schema: INGEST_RESPONSE_SCHEMA })
  @ApiResponse({
    status: 400,
    description:
      'No event was accepted: the results name each failing field (IngestResponse); or the body is neither an event nor a ' +
      'batch, or not JSON (the error shape, `details.fields`)',
    schema: { oneOf: [INGEST_RESPONSE_SCHEMA, { $ref: getSchemaPath(ErrorResponse) }] },
  })
  @ApiErrors(
    [401, 'No ingest key, or an unknown or revoked one (or its workspace was just deleted)'],
    413,
    [429, 'Over the per-key rate limit; retry after `Retry-After` seconds'],
    [503, 'Postgres is unavailable (`details.code: storage_unavailable`): nothing of this request was stored; send it again after `Retry-After`'],
  )
  async receive(
    @CurrentIngestKey() key: ResolvedIngestKey,
    @Body() body: unknown,
    @Req() request: IngestHttpRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<IngestResponse> {
    const userAgent = request.headers['user-agent'];
    const receivedAt = Math.floor(Date.now() / 1000);
    // A server's own IP and user agent are not its visitors': they stand in only for a browser's.
    const context = requestComesFromBrowser(request)
      ? { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined, receivedAt }
      : { receivedAt };
    const response = await this.ingest.ingest(key, body, context);
    if (response.accepted + response.duplicates === 0) reply.status(400);
    return response;
  }
}
