import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBasicAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, BODY_CHECKED_PER_ITEM, DomainError, Public } from '@app/core';
import { CurrentIngestKey } from '../../keys/current-ingest-key.decorator';
import type { ResolvedIngestKey } from '../../keys/ingest-key.cache';
import { IngestKeyAuth } from '../../keys/ingest-key-auth.decorator';
import { IngestKeysService } from '../../keys/ingest-keys.service';
import { requestComesFromBrowser } from '../../normalization/sender.classifier';
import { DROP_IN_BODY, dropInBodyBytes } from '../drop-in-body.decoder';
import { MAX_SEGMENT_BATCH } from './segment-body.parser';
import { type DropInRequest, SegmentIngestService } from './segment-ingest.service';
import type { SegmentCallType } from './segment-message.translator';
import { type SegmentSettings, segmentSettings } from './segment-settings.builder';
import { AllowQueryWriteKey, WriteKeyGuard } from './write-key.guard';

interface SegmentHttpRequest {
  ip: string;
  routeOptions: { url?: string };
  host: string;
  protocol: string;
  headers: Record<string, string | string[] | undefined>;
}

const SUCCESS = { success: true } as const;

// Segment's single-call paths, and analytics.js's one-letter ones.
const CALL_BY_PATH: Readonly<Record<string, SegmentCallType>> = {
  '/v1/track': 'track',
  '/v1/t': 'track',
  '/v1/page': 'page',
  '/v1/p': 'page',
  '/v1/screen': 'screen',
  '/v1/s': 'screen',
  '/v1/identify': 'identify',
  '/v1/i': 'identify',
  '/v1/group': 'group',
  '/v1/g': 'group',
  '/v1/alias': 'alias',
  '/v1/a': 'alias',
};

// Every Segment route shares these: the write key, drop-in bodies (gzip, text/plain), and no
// helmet (the answers are JSON for SDKs, where of helmet's headers only nosniff applies).
function SegmentRoute(): MethodDecorator {
  return (target, key, descriptor) => {
    Public()(target, key, descriptor);
    UseGuards(WriteKeyGuard)(target, key, descriptor);
    IngestKeyAuth()(target, key, descriptor);
    HttpCode(200)(target, key, descriptor);
    // Each message is checked on its own, so one bad message does not fail its batch.
    RouteConfig({ helmet: { skipRoute: true }, [DROP_IN_BODY]: true, [BODY_CHECKED_PER_ITEM]: true })(target, key, descriptor);
    Header('X-Content-Type-Options', 'nosniff')(target, key, descriptor);
    ApiConsumes('application/json', 'text/plain')(target, key, descriptor);
    ApiBasicAuth()(target, key, descriptor);
    ApiOkResponse({
      description: 'The envelope is valid; each message was accepted or counted as rejected',
      schema: { type: 'object', required: ['success'], properties: { success: { type: 'boolean', example: true } } },
    })(target, key, descriptor);
    ApiErrors(
      [400, 'Not JSON, not an envelope, not valid gzip/deflate, or over 500 KB decoded (also for what other routes answer 413: the clients never retry a 400)'],
      [401, 'No write key, or an unknown or revoked one'],
      [429, 'Too many requests for this key: retry after `Retry-After` seconds (`X-RateLimit-Reset`: when, in Unix seconds)'],
      [503, 'Postgres is unavailable for a moment: retry after `Retry-After` seconds'],
    )(target, key, descriptor);
  };
}

const MESSAGE_BODY = {
  description: 'One Segment message (Segment HTTP Tracking API); the ingest key is the write key',
  schema: { type: 'object', example: { userId: 'user-7', event: 'Order Completed', properties: { order_id: 'o-1', revenue: 42.5, currency: 'USD' } } },
};

const BATCH_BODY = {
  description: "A batch envelope; the batch's context and integrations apply to every message, each message is checked on its own",
  schema: {
    type: 'object',
    required: ['batch'],
    properties: {
      batch: { type: 'array', maxItems: MAX_SEGMENT_BATCH, items: { type: 'object', description: 'One Segment message with its type' } },
      context: { type: 'object' },
      integrations: { type: 'object' },
      sentAt: { type: 'string', description: "When the client sent the batch: with each message's originalTimestamp it corrects the client's clock" },
      writeKey: { type: 'string', description: 'The ingest key, when not sent as the Basic user name' },
    },
    example: { batch: [{ type: 'track', userId: 'user-7', event: 'Order Completed', properties: { order_id: 'o-1', revenue: 42.5, currency: 'USD' } }] },
  },
};

// Segment's HTTP Tracking API, wire-compatible, for analytics.js, @segment/analytics-node,
// RudderStack's SDKs and anything else that speaks it: change the host, keep the code.
@ApiTags('drop-in')
@Controller()
export class SegmentController {
  constructor(
    private readonly segment: SegmentIngestService,
    private readonly keys: IngestKeysService,
  ) {}

  @Post(Object.keys(CALL_BY_PATH).map((path) => path.slice(1)))
  @SegmentRoute()
  @ApiOperation({ summary: 'One Segment call: track, page, screen, identify, group or alias (or their short paths /v1/t, /v1/p...)' })
  @ApiBody(MESSAGE_BODY)
  call(@CurrentIngestKey() key: ResolvedIngestKey, @Body() body: unknown, @Req() request: SegmentHttpRequest) {
    const call = CALL_BY_PATH[request.routeOptions.url ?? ''];
    if (call === undefined) throw new Error(`No Segment call is routed at ${request.routeOptions.url}`);
    return this.receive(key, body, call, request);
  }

  @Post(['v1/batch', 'v1/import', 'v1/b'])
  @SegmentRoute()
  @ApiOperation({ summary: 'A batch of Segment messages: {batch:[{type, ...}], context?, integrations?, sentAt?, writeKey?}' })
  @ApiBody(BATCH_BODY)
  batch(@CurrentIngestKey() key: ResolvedIngestKey, @Body() body: unknown, @Req() request: SegmentHttpRequest) {
    return this.receive(key, body, 'batch', request);
  }

  // RudderStack's JavaScript SDK sends with navigator.sendBeacon, which cannot set headers.
  @Post('beacon/v1/batch')
  @SegmentRoute()
  @AllowQueryWriteKey()
  @ApiOperation({ summary: "RudderStack's beacon batch; the key may come as ?writeKey=" })
  @ApiBody(BATCH_BODY)
  beacon(@CurrentIngestKey() key: ResolvedIngestKey, @Body() body: unknown, @Req() request: SegmentHttpRequest) {
    return this.receive(key, body, 'batch', request);
  }

  // The key is the path, as on Segment's CDN: an unknown or revoked one is simply not there.
  @Public()
  @IngestKeyAuth()
  @Get('v1/projects/:writeKey/settings')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: 'Settings for analytics.js (analytics-next): load it with cdnURL set to this API' })
  @ApiParam({ name: 'writeKey', description: 'The TrackLayer ingest key' })
  @ApiOkResponse({
    description: "analytics.js's CDN settings, with the Segment.io destination pointed at this host",
    schema: { type: 'object', required: ['integrations', 'plan'], properties: { integrations: { type: 'object' }, plan: { type: 'object' } } },
  })
  @ApiErrors([404, 'No active ingest key is this write key'], [503, 'Postgres is unavailable for a moment'])
  async settings(@Param('writeKey') writeKey: string, @Req() request: SegmentHttpRequest): Promise<SegmentSettings> {
    const key = await this.keys.resolve(writeKey);
    if (!key) throw new DomainError('not_found', 'project_not_found', 'No active ingest key is this write key');
    return segmentSettings(writeKey, request.host, request.protocol);
  }

  private async receive(key: ResolvedIngestKey, body: unknown, call: SegmentCallType | 'batch', request: SegmentHttpRequest) {
    const userAgent = request.headers['user-agent'];
    const dropIn: DropInRequest = {
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
      fromBrowser: requestComesFromBrowser(request),
      bodyBytes: dropInBodyBytes(request),
      receivedAtMs: Date.now(),
    };
    await this.segment.receive(key, body, call, dropIn);
    return SUCCESS;
  }
}
