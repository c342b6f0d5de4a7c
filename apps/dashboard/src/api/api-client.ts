import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorFrom, networkError } from './api-error';
import type { components, paths } from './generated/openapi';
import { API_OPERATIONS } from './generated/operations';
import type { PlannedOperation } from './planned-api';

export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

// The session's CSRF token lives in memory only (the session token itself is an httpOnly cookie
// page scripts cannot read); every state-changing request carries it.
let csrfToken: string | undefined;
let onUnauthorized: () => void = () => undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function whenUnauthorized(callback: () => void): void {
  onUnauthorized = callback;
}

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD'].includes(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

type Operation = keyof typeof API_OPERATIONS;

export function apiHas(operation: Operation | PlannedOperation): boolean {
  return operation in API_OPERATIONS;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

// Turns openapi-fetch's result into the data or an ApiError in words; a 401 ends the session.
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (cause) {
    throw networkError(cause);
  }
  if (result.response.ok) return result.data as T;
  const error: ApiError = apiErrorFrom(result.response.status, result.error);
  if (error.status === 401) onUnauthorized();
  throw error;
}
