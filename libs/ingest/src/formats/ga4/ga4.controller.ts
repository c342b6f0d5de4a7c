import { Body, Controller, Header, HttpCode, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors, BODY_CHECKED_PER_ITEM, Public } from '@app/core';
import { IngestKeyAuth } from '../../keys/ingest-key-auth.decorator';
import { DROP_IN_BODY, LENIENT_JSON } from '../drop-in-body.decoder';
import { Ga4IngestService } from './ga4-ingest.service';
import type { Ga4ValidationMessage } from './ga4-request.validator';

const EXAMPLE = {
  client_id: '123.456',
  user_id: 'customer-7',
  events: [{ name: 'purchase', params: { transaction_id: 'T-1', value: 30, currency: 'USD', items: [{ item_id: 'sku-1', item_name: 'Mug', price: 15, quantity: 2 }] } }],
};

// GA4 Measurement Protocol, Google's paths: point the sender at this host and put the ingest key
// in api_secret. measurement_id is accepted and not needed: the key names the workspace.
@ApiTags('drop-in')
@ApiSecurity('ga4ApiSecret')
@IngestKeyAuth()
@Controller()
export class Ga4Controller {
  constructor(private readonly ga4: Ga4IngestService) {}

  @Public()
  @Post('mp/collect')
  @HttpCode(204)
  @RouteConfig({ helmet: { skipRoute: true }, [DROP_IN_BODY]: true, [LENIENT_JSON]: true, [BODY_CHECKED_PER_ITEM]: true })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiConsumes('application/json', 'text/plain')
  @ApiQuery({ name: 'api_secret', description: 'The TrackLayer ingest key' })
  @ApiQuery({ name: 'measurement_id', required: false })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  @ApiOperation({ summary: 'GA4 Measurement Protocol events; answered 204 like Google, whatever the key or the events' })
  @ApiNoContentResponse({ description: 'Always, like Google (problems are reported by /debug/mp/collect); 429/503 only when TrackLayer cannot take events' })
  @ApiErrors(
    [400, 'A body that cannot be read at all: over 500 KB decoded, or not valid gzip/deflate'],
    [429, 'Too many requests for this key: retry after `Retry-After` seconds'],
    [503, 'Postgres is unavailable for a moment: retry after `Retry-After` seconds'],
  )
  async collect(@Query('api_secret') apiSecret: string | undefined, @Body() body: unknown): Promise<void> {
    await this.ga4.collect(apiSecret, body, Date.now());
  }

  @Public()
  @Post('debug/mp/collect')
  @HttpCode(200)
  @RouteConfig({ helmet: { skipRoute: true }, [DROP_IN_BODY]: true, [LENIENT_JSON]: true, [BODY_CHECKED_PER_ITEM]: true })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiQuery({ name: 'api_secret', description: 'The TrackLayer ingest key' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  @ApiOperation({ summary: "Validates GA4 Measurement Protocol events without storing them, answering Google's validationMessages" })
  @ApiOkResponse({
    description: 'One message per problem; none when the events would be taken',
    schema: {
      type: 'object',
      required: ['validationMessages'],
      properties: {
        validationMessages: {
          type: 'array',
          items: {
            type: 'object',
            properties: { fieldPath: { type: 'string' }, description: { type: 'string' }, validationCode: { type: 'string', example: 'NAME_INVALID' } },
          },
        },
      },
    },
  })
  @ApiErrors([400, 'A body that cannot be read at all: over 500 KB decoded, or not valid gzip/deflate'], [503, 'Postgres is unavailable for a moment'])
  debug(@Query('api_secret') apiSecret: string | undefined, @Body() body: unknown): Promise<{ validationMessages: Ga4ValidationMessage[] }> {
    return this.ga4.debug(apiSecret, body, Date.now());
  }
}
