import { Body, Controller, Header, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiHeader, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/core';
import { CurrentIngestKey } from '../keys/current-ingest-key.decorator';
import { ResolvedIngestKey } from '../keys/ingest-key.cache';
import { IngestKeyGuard } from '../keys/ingest-key.guard';
import { IngestResponse } from './ingest-response';
import { IngestService } from './ingest.service';

interface IngestHttpRequest {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

interface StatusReply {
  status(code: number): unknown;
}

const EXAMPLE_EVENT = {
  event: 'purchase',
  event_id: 'order-1001',
  anonymous_id: 'v-42',
  user: { email: 'ada@example.com', phone: '+1 213 373 4253' },
  page: { url: 'https://shop.example/thanks?ttclid=E.C.P.abc' },
  properties: { value: 42.5, currency: 'USD', contents: [{ content_id: 'sku-1', quantity: 1, price: 42.5 }] },
  cookies: { _ttp: '2aB3cD4eF' },
};

@ApiTags('ingest')
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
  // answer is JSON for beacons and servers, where of all its headers only nosniff applies.
  @RouteConfig({ helmet: { skipRoute: true } })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({
    description: 'One event, or {"batch": [event, ...]} with up to 500 events (shared/API.md, Ingest API)',
    schema: { type: 'object', example: EXAMPLE_EVENT },
  })
  @ApiResponse({ status: 202, description: 'At least one event was accepted or was a duplicate' })
  @ApiResponse({ status: 400, description: 'No event was accepted; each result names its failing fields' })
  async receive(
    @CurrentIngestKey() key: ResolvedIngestKey,
    @Body() body: unknown,
    @Req() request: IngestHttpRequest,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<IngestResponse> {
    const userAgent = request.headers['user-agent'];
    const response = await this.ingest.ingest(key, body, {
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
      receivedAt: Math.floor(Date.now() / 1000),
    });
    if (response.accepted + response.duplicates === 0) reply.status(400);
    return response;
  }
}
