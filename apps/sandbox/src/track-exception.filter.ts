import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MetaGraphService } from './meta/meta-graph.service';
import { TikTokCode } from './tiktok-code.enum';
import { TrackService } from './track.service';

const TRACK_PATH_PREFIX = '/open_api/';
// The Meta Graph paths, /v25.0/<pixel id>/events and /v25.0/<pixel id>.
const GRAPH_PATH = /^\/v\d+\.\d+\//;

// TikTok answers unreadable payloads with HTTP 200 and a business code, never Nest's error JSON.
// Registered globally because body-parse errors (bad JSON, wrong content type) are raised by
// Fastify before any controller-scoped filter could see them.
@Catch()
export class TrackExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(TrackExceptionFilter.name);

  constructor(
    private readonly track: TrackService,
    private readonly graph: MetaGraphService,
  ) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (GRAPH_PATH.test(request.url)) {
      this.answerGraph(exception, request.url, http.getResponse<FastifyReply>(), host);
      return;
    }
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

  // Meta answers an unreadable body with its Graph error shape, HTTP 400; unknown routes and
  // oversized bodies stay transport errors.
  private answerGraph(exception: unknown, url: string, reply: FastifyReply, host: ArgumentsHost): void {
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status === HttpStatus.NOT_FOUND || status === HttpStatus.PAYLOAD_TOO_LARGE || status >= 500) {
      if (status >= 500) this.logger.error(exception);
      super.catch(exception, host);
      return;
    }
    void reply.code(400).send(this.graph.unreadable(url, exception instanceof Error ? exception.message : 'unreadable'));
  }
}
