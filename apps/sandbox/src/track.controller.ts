import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HeldRequestRegistry } from './held-request.registry';
import { SandboxSettings } from './sandbox-settings.config';
import { GATEWAY_TIMEOUT_HTML, TrackService } from './track.service';

// The router ignores trailing slashes (see sandbox.bootstrap.ts), so `event/track` and TikTok's
// documented `event/track/` both land here.
@Controller('open_api/v1.3')
export class TrackController {
  constructor(
    private readonly track: TrackService,
    private readonly held: HeldRequestRegistry,
    private readonly settings: SandboxSettings,
  ) {}

  @Post('event/track')
  async receive(
    @Headers('access-token') accessToken: string | undefined,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = this.track.handle(accessToken, body);
    switch (outcome.kind) {
      case 'json':
        if (outcome.delayMs) await this.held.hold(outcome.delayMs, reply.raw);
        await reply.code(outcome.httpStatus).send(outcome.body);
        return;
      case 'html':
        await reply.code(outcome.httpStatus).type('text/html; charset=utf-8').send(outcome.html);
        return;
      case 'hold':
        await this.held.hold(this.settings.timeoutMs, reply.raw);
        // Nothing is stored for a held request, so a client that times out and retries does not
        // leave duplicates in the event log.
        await reply.code(504).type('text/html; charset=utf-8').send(GATEWAY_TIMEOUT_HTML);
        return;
    }
  }
}
