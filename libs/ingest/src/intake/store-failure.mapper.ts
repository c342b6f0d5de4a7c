import { DomainError } from '@app/core';

// How long a client should wait before retrying a write that failed for the store's reasons.
export const STORE_RETRY_AFTER_SECONDS = 5;

// Postgres SQLSTATE class 22 (data exception): the input held something Postgres cannot store,
// such as a NUL character or a lone surrogate in jsonb. Retrying the same body fails the same way.
const DATA_EXCEPTION = /^22/;

// A failed ingest write as the client should see it: bad data is the sender's to fix (400, never
// retried), anything else is the store being unavailable for a moment (503 + Retry-After; the
// Segment and RudderStack clients retry it). Never a 500 that reads like a bug in the request.
export function storeFailure(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && DATA_EXCEPTION.test(code)) {
    return new DomainError('bad_request', 'unstorable_value', 'The body holds a value that cannot be stored (for example a NUL character)');
  }
  return new DomainError('unavailable', 'store_unavailable', 'Events could not be stored right now; retry after Retry-After seconds', {
    retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
  });
}
