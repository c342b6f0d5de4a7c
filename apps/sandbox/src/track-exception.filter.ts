import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TikTokCode } from './tiktok-code.enum';
import { TrackService } from './track.service';

const TRACK_PATH_PREFIX = '/open_api/';

// TikTok answers unreadable payloads with HTTP 200 and a business code, never Nest's error JSON.
// Registered globally because body-parse errors (bad JSON, wrong content type) are raised by
// Fastify before any controller-scoped filter could see them.
@Catch()
export class TrackExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(TrackExceptionFilter.name);

  constructor(private readonly track: TrackService) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.url.startsWith(TRACK_PATH_PREFIX)) {
      super.catch(exception, host);
      return;
    }
    const reply = http.getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;

    // Unknown routes and oversized bodies stay transport errors, as at TikTok's gateway.
    if (status === HttpStatus.NOT_FOUND || status === HttpStatus.PAYLOAD_TOO_LARGE) {
      super.catch(exception, host);
      return;
    }
    if (status >= 400 && status < 500) {
      const message = `Invalid request body: ${exception instanceof Error ? exception.message : 'unreadable'}`;
      void reply.code(200).send(this.track.recordUnparsable(200, TikTokCode.InvalidRequest, message));
      return;
    }
    this.logger.error(exception);
    void reply.code(500).send(this.track.recordUnparsable(500, TikTokCode.InternalError, 'Internal service error.'));
  }
}
