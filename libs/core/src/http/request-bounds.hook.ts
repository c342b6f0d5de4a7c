import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain.error';
import { findJsonBoundsViolation, JsonBoundsViolation, JsonLimits, textProblem } from './json-bounds';

// Fastify route config key (set with @RouteConfig) of routes that check their body themselves,
// item by item, so one bad event does not fail the others: the ingest endpoints.
export const BODY_CHECKED_PER_ITEM = 'bodyCheckedPerItem';

// Every other body: dashboard bodies are small and shallow. An event mapping may have 500 entries.
export const REQUEST_BODY_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxDepth: 32,
  maxKeysPerObject: 1000,
  maxItemsPerArray: 1000,
  maxStringLength: 16_384,
  maxKeyLength: 1024,
  maxSize: 4_194_304,
});

interface CheckedRequest {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}

// What is wrong with a request's query, path parameters and (unless the route checks it per
// item) body, or undefined. Query and parameters only need their text checked: `?eventId=%00`
// decodes to a NUL that Postgres refuses.
export function requestBoundsViolation(request: CheckedRequest, checkBody: boolean): JsonBoundsViolation | undefined {
  for (const [where, values] of [
    ['query', request.query],
    ['params', request.params],
  ] as const) {
    if (typeof values !== 'object' || values === null) continue;
    for (const [name, value] of Object.entries(values)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        const problem = typeof text === 'string' ? textProblem(text) : undefined;
        if (problem) return { field: `${where}.${name.replace(/[^\x20-\x7e]/g, '?')}`, reason: 'invalid_text', message: problem };
      }
    }
  }
  if (!checkBody || request.body === undefined) return undefined;
  return findJsonBoundsViolation(request.body, REQUEST_BODY_LIMITS);
}

// Runs after Fastify parsed the body and before Nest's guards, pipes (class-transformer and
// class-validator recurse) and handlers, so no request reaches them unbounded.
export function installRequestBounds(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    const config: object | undefined = request.routeOptions.config;
    const perItem = config !== undefined && (config as Record<string, unknown>)[BODY_CHECKED_PER_ITEM] === true;
    const violation = requestBoundsViolation(request, !perItem);
    if (!violation) return done();
    const { field, reason, message } = violation;
    done(new DomainError('bad_request', reason, `${field} ${message}`, { fields: [{ field, message }] }));
  });
}
