// The api answers every error with one shape, {statusCode, error, message, details?}; the
// dashboard shows it in words: the message, each failing field, and a platform's own answer.
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface PlatformAnswer {
  code: number | null;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly fields: FieldProblem[],
    readonly platformAnswer: PlatformAnswer | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function apiErrorFrom(status: number, body: unknown): ApiError {
  if (!isRecord(body) || typeof body.message !== 'string') {
    return new ApiError(status, `TrackLayer answered HTTP ${status} without an explanation`, undefined, [], undefined);
  }
  const details = isRecord(body.details) ? body.details : {};
  const fields = Array.isArray(details.fields)
    ? details.fields.filter(isRecord).map((f) => ({ field: String(f.field), message: String(f.message) }))
    : [];
  const platformAnswer =
    typeof details.platformMessage === 'string'
      ? { code: typeof details.platformCode === 'number' ? details.platformCode : null, message: details.platformMessage }
      : undefined;
  return new ApiError(status, body.message, typeof details.code === 'string' ? details.code : undefined, fields, platformAnswer);
}

export function networkError(cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, `Could not reach TrackLayer (${reason}); check your connection and try again`, 'network', [], undefined);
}
