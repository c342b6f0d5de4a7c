import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import { classifyDatabaseFailure } from '../database/database-failure.classifier';
import { DomainError, DomainErrorKind } from './domain.error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  platform_rejected: 422,
  platform_unavailable: 502,
  rate_limited: 429,
  unavailable: 503,
};

// What a client is told to wait when Postgres is unavailable.
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function errorBody(statusCode: number, message: string, details?: Record<string, unknown>): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (details && Object.keys(details).length > 0) body.details = details;
  return body;
}

// The only place an exception becomes an HTTP answer: docs/api.md's shape for every error, and never a
// stack trace; unknown errors are logged once with a correlation id the client can quote.
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const { body, headers } = this.toBody(exception);
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): { body: ErrorBody; headers: Record<string, string> } {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      const headers: Record<string, string> = {};
      const retryAfter = exception.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') {
        headers['retry-after'] = String(Math.ceil(retryAfter));
        // Segment's clients and others read the reset time as Unix seconds.
        headers['x-ratelimit-reset'] = String(Math.ceil(Date.now() / 1000 + retryAfter));
      }
      return { body: errorBody(statusCode, exception.message, { code: exception.code, ...exception.details }), headers };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const { message, details } = response as { message?: unknown; details?: Record<string, unknown> };
        const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
        return { body: errorBody(statusCode, text, details), headers: {} };
      }
      return { body: errorBody(statusCode, String(response)), headers: {} };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own client errors (body too large, bad JSON, bad content type) carry a safe message.
      return { body: errorBody(fastifyStatus, (exception as Error).message), headers: {} };
    }
    const correlationId = randomUUID();
    if (classifyDatabaseFailure(exception) === 'unavailable') {
      // Postgres is away, full or shutting down: the client should come back, not report a bug.
      this.logger.warn({ err: exception, correlationId }, 'Postgres unavailable');
      return {
        body: errorBody(HttpStatus.SERVICE_UNAVAILABLE, 'TrackLayer cannot reach its database right now; retry shortly', { correlationId }),
        headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
      };
    }
    this.logger.error({ err: exception, correlationId }, 'Unhandled error');
    return {
      body: errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', { correlationId }),
      headers: {},
    };
  }
}
