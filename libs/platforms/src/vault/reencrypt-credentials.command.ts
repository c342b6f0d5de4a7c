import 'reflect-metadata';
import { Database, loadAppConfig } from '@app/core';
import { ConnectorsRepository } from '../connectors/connectors.repository';
import { reEncryptAllCredentials } from './credential-rotation';
import { credentialVaultFromConfig } from './credential-vault.provider';

// `npm run credentials:reencrypt`, during a key rotation: set the new key as CREDENTIALS_KEY and
// the old one as CREDENTIALS_KEY_PREVIOUS, run this, then drop CREDENTIALS_KEY_PREVIOUS.
async function main(): Promise<void> {
  const config = loadAppConfig();
  const db = new Database({ url: config.databaseUrl, max: 2, applicationName: 'tracklayer-reencrypt' });
  try {
    const { reEncrypted } = await reEncryptAllCredentials(db, new ConnectorsRepository(db), credentialVaultFromConfig(config));
    console.log(`Re-encrypted ${reEncrypted} connector credential(s) under key ${config.credentialsKeyId}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
