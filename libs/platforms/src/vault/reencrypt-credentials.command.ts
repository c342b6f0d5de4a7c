import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, loadAppConfig } from '@app/core';
import { reEncryptAllCredentials } from './credential-rotation';
import { credentialVaultFromConfig } from './credential-vault.provider';

// `npm run credentials:reencrypt`, during a key rotation: set the new key as CREDENTIALS_KEY and
// the old one as CREDENTIALS_KEY_PREVIOUS, run this, then drop CREDENTIALS_KEY_PREVIOUS.
async function main(): Promise<void> {
  const config = loadAppConfig();
  const dataSource = new DataSource(buildDataSourceOptions(config.databaseUrl, { extra: { max: 2 } }));
  await dataSource.initialize();
  try {
    const { reEncrypted } = await reEncryptAllCredentials(dataSource, credentialVaultFromConfig(config));
    console.log(`Re-encrypted ${reEncrypted} connector credential(s) under key ${config.credentialsKeyId}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
