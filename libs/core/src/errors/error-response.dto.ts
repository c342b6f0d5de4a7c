import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from './http-error.filter';

// ErrorBody as the OpenAPI document shows it: the one shape of every error answer.
export class ErrorResponse implements ErrorBody {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'Not Found', description: "The HTTP status's reason phrase" }) error: string;
  @ApiProperty({ example: 'Connector not found', description: 'For people: what went wrong and, where it helps, what to do' })
  message: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { code: 'connector_not_found' },
    description:
      'For programs: `code` (stable, snake_case) on errors TrackLayer raises; `fields: [{field, message}]` on invalid input; ' +
      '`platformCode`/`platformMessage` when a platform refused; `correlationId` on 500 (quote it in a bug report)',
  })
  details?: Record<string, unknown>;
}
