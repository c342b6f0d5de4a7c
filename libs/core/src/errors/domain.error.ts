// Services throw these with a stable machine-readable code; the one HttpErrorFilter turns them
// into docs/api.md's error shape. Services never throw Nest HTTP exceptions themselves.
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'platform_rejected'
  | 'platform_unavailable'
  | 'rate_limited'
  // Our own dependency (Postgres) is away: retry later (503 with Retry-After).
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what.toLowerCase().replace(/\s+/g, '_')}_not_found`, `${what} not found`);
  }
}
