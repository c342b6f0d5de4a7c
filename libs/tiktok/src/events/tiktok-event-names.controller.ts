import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/core';
import { TIKTOK_LEGACY_EVENTS, TIKTOK_SOURCE_ALIASES, TIKTOK_STANDARD_EVENTS } from './tiktok-event-names';

class TikTokEventNamesView {
  @ApiProperty({ example: 'tiktok' }) platform: 'tiktok';
  @ApiProperty({ type: [String], description: "TikTok's standard events (case-sensitive at TikTok)" }) standardEvents: string[];
  @ApiProperty({ type: [String], description: 'Older names TikTok still accepts' }) legacyEvents: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { purchase: 'CompletePayment', 'Order Completed': 'CompletePayment' },
    description: 'Source event name -> TikTok event name, used when a connector has no mapping of its own',
  })
  defaultEventNames: Record<string, string>;
  @ApiProperty({ description: 'How source names are matched against the table' }) matching: string;
}

// The table every connector starts from, public because it holds no workspace data: the dashboard
// shows it next to a connector's own mapping, and customers check their names against it.
@ApiTags('platforms')
@Controller('v1/platforms/tiktok')
export class TikTokEventNamesController {
  @Public()
  @Get('event-names')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: "TikTok's event names and the default source-name table connectors start from" })
  @ApiOkResponse({ type: TikTokEventNamesView })
  eventNames(): TikTokEventNamesView {
    const defaults: Record<string, string> = { ...TIKTOK_SOURCE_ALIASES };
    for (const name of [...TIKTOK_STANDARD_EVENTS, ...TIKTOK_LEGACY_EVENTS]) defaults[name] = name;
    return {
      platform: 'tiktok',
      standardEvents: [...TIKTOK_STANDARD_EVENTS],
      legacyEvents: [...TIKTOK_LEGACY_EVENTS],
      defaultEventNames: defaults,
      matching: 'source names match ignoring case, spaces, underscores and hyphens; an exact TikTok name is sent as it is',
    };
  }
}
