import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/core';
import { PlatformView } from './dto/platform.dto';
import { PlatformRegistry } from './platform.registry';

// What the dashboard's connect form is rendered from. Public: it describes TrackLayer, not a workspace.
@ApiTags('platforms')
@Public()
@Controller('v1/platforms')
export class PlatformsController {
  constructor(private readonly registry: PlatformRegistry) {}

  @ApiOperation({ summary: 'The platforms a connector can use: credential fields, click ids, default and known event names (public)' })
  @Get()
  @ApiOkResponse({ type: [PlatformView] })
  list(): PlatformView[] {
    return this.registry.list().map((platform) => ({
      id: platform.id,
      name: platform.displayName,
      credentialFields: platform.credentialFields.map(({ name, label, secret, required, help }) => ({ name, label, secret, required, help })),
      clickIds: platform.clickIdKinds.map(({ kind }) => kind),
      clickIdKinds: platform.clickIdKinds.map(({ kind, urlParams, cookies, windowMs }) => ({ kind, urlParams: [...urlParams], cookies: [...cookies], windowMs })),
      defaultEventNames: { ...platform.defaultEventNames },
      eventNames: [...platform.eventNames],
    }));
  }
}
