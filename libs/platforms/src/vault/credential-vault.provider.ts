import { Provider } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@app/core';
import { CredentialVault } from './credential-vault';

export function credentialVaultFromConfig(config: AppConfig): CredentialVault {
  return new CredentialVault({
    currentKey: config.credentialsKey,
    currentKeyId: config.credentialsKeyId,
    previousKey: config.credentialsKeyPrevious,
    previousKeyId: config.credentialsKeyPreviousId,
  });
}

export const CredentialVaultProvider: Provider = {
  provide: CredentialVault,
  inject: [APP_CONFIG],
  useFactory: credentialVaultFromConfig,
};
