import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponse } from '../errors/error-response.dto';

// What each error status means across the API (docs/api.md, Errors). A route names the statuses
// it can answer; a different sentence where the route's meaning is narrower: [404, 'No such key'].
// Errors are JSON even on routes that produce something else (the browser snippet).
export const ERROR_MEANINGS = {
  400: 'Invalid input: `message` and `details.fields` name each failing field',
  401: 'No credentials, or invalid, expired or revoked ones',
  403: "The caller's role in this workspace is too low (`details.code: role_too_low`), or a dashboard session's change lacks its X-CSRF-Token (`csrf_token_invalid`)",
  404: 'Not found; also what belongs to another workspace, so other workspaces cannot be probed',
  409: 'Conflicts with what exists (`details.code` says what)',
  413: 'The body is over BODY_LIMIT_BYTES (1 MB by default)',
  422: "The platform refused the credentials: `details.platformCode`, `details.platformMessage`; nothing was saved",
  429: 'Too many requests: retry after `Retry-After` seconds',
  502: 'The platform could not be reached to check the credentials; nothing was saved',
  503: 'Not ready: a dependency is down',
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

export function ApiErrors(...errors: Array<ErrorStatus | [ErrorStatus, string]>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...errors.map((error) => {
      const [status, description] = Array.isArray(error) ? error : [error, ERROR_MEANINGS[error]];
      return ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } } });
    }),
  );
}
