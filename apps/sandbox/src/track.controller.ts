import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HeldRequestRegistry } from './held-request.registry';
import { replyWithOutcome } from './sandbox-outcome.reply';
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
    await replyWithOutcome(outcome, reply, this.held, { ms: this.settings.timeoutMs, html: GATEWAY_TIMEOUT_HTML });
  }
}
