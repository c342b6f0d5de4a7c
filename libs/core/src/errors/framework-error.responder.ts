import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './http-error.filter';

// Fastify's router answers a few malformed URLs itself, before any Nest filter runs, in its own
// shape ({error, code, message, statusCode}, echoing the path). This answers them in ours.
const MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not validly percent-encoded',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment of this URL is too long',
};

export function respondToFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = MESSAGES[error.code];
  const statusCode = known && typeof error.statusCode === 'number' ? error.statusCode : 500;
  void reply.status(statusCode).send(errorBody(statusCode, known ?? 'Internal server error'));
}
