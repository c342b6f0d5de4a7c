import { Database } from '@app/core';
import { ConnectorsRepository } from '../connectors/connectors.repository';
import { CredentialVault } from './credential-vault';

export interface RotationResult {
  reEncrypted: number;
}

const BATCH = 100;

// Re-seals every connector credential under the current CREDENTIALS_KEY, a batch of locked rows
// per transaction. Each row is opened with its own workspace and connector ids as authenticated
// data, and written back under its own workspace's condition.
export async function reEncryptAllCredentials(db: Database, connectors: ConnectorsRepository, vault: CredentialVault): Promise<RotationResult> {
  let reEncrypted = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await connectors.lockSealedUnderOtherKeys(tx, vault.currentKey, BATCH);
      for (const row of rows) {
        const sealed = vault.reEncrypt(row.accessTokenSealed, { workspaceId: row.workspaceId, connectorId: row.id });
        await connectors.reseal(row.workspaceId, row.id, sealed, vault.currentKey, tx);
      }
      reEncrypted += rows.length;
      return rows.length < BATCH;
    });
    if (done) return { reEncrypted };
  }
}
