import { Body, Controller, Header, HttpCode, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/core';
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
@Controller()
export class Ga4Controller {
  constructor(private readonly ga4: Ga4IngestService) {}

  @Public()
  @Post('mp/collect')
  @HttpCode(204)
  @RouteConfig({ helmet: { skipRoute: true }, [DROP_IN_BODY]: true, [LENIENT_JSON]: true })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiConsumes('application/json', 'text/plain')
  @ApiQuery({ name: 'api_secret', description: 'The TrackLayer ingest key' })
  @ApiQuery({ name: 'measurement_id', required: false })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  @ApiNoContentResponse({ description: 'Always, like Google (problems are reported by /debug/mp/collect); 429/503 only when TrackLayer cannot take events' })
  async collect(@Query('api_secret') apiSecret: string | undefined, @Body() body: unknown): Promise<void> {
    await this.ga4.collect(apiSecret, body, Date.now());
  }

  @Public()
  @Post('debug/mp/collect')
  @HttpCode(200)
  @RouteConfig({ helmet: { skipRoute: true }, [DROP_IN_BODY]: true, [LENIENT_JSON]: true })
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiQuery({ name: 'api_secret', description: 'The TrackLayer ingest key' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  @ApiOkResponse({ schema: { example: { validationMessages: [{ fieldPath: 'events[0].name', description: '...', validationCode: 'NAME_INVALID' }] } } })
  debug(@Query('api_secret') apiSecret: string | undefined, @Body() body: unknown): Promise<{ validationMessages: Ga4ValidationMessage[] }> {
    return this.ga4.debug(apiSecret, body, Date.now());
  }
}
