import { DomainError } from '@app/core';
import { CredentialCheck } from '../platform/platform';

// Turns a failed live check into the error a dashboard user can act on: 422 when the platform
// refused the credentials (fix them), 502 when it could not be asked (try again later).
export function credentialCheckError(check: CredentialCheck, platformName: string, pixelCode: string): DomainError | undefined {
  const details = { platformCode: check.platformCode ?? null, platformMessage: check.platformMessage, httpStatus: check.httpStatus ?? null };
  switch (check.outcome) {
    case 'valid':
      return undefined;
    case 'rejected':
      return new DomainError(
        'platform_rejected',
        'credentials_rejected',
        `This access token cannot send events to pixel ${pixelCode}: ${platformName} said "${check.platformMessage}"` +
          (check.platformCode !== undefined ? ` (code ${check.platformCode})` : ''),
        details,
      );
    case 'unreachable':
      return new DomainError(
        'platform_unavailable',
        'platform_unavailable',
        `${platformName} could not check these credentials right now (${check.platformMessage}); nothing was saved, try again in a minute`,
        details,
      );
  }
}
