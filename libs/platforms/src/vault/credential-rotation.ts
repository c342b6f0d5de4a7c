import { DataSource } from 'typeorm';
import { CredentialVault } from './credential-vault';

export interface RotationResult {
  reEncrypted: number;
}

const BATCH = 100;

// Re-seals every connector credential under the current CREDENTIALS_KEY. A maintenance job over
// all workspaces by nature, hence raw SQL rather than the workspace-scoped repository; each row is
// still opened with its own workspace and connector ids as authenticated data.
export async function reEncryptAllCredentials(dataSource: DataSource, vault: CredentialVault): Promise<RotationResult> {
  let reEncrypted = 0;
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; workspace_id: string; access_token_sealed: string }> = await manager.query(
        `SELECT id, workspace_id, access_token_sealed FROM connectors
          WHERE access_token_key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [vault.currentKey, BATCH],
      );
      for (const row of rows) {
        const sealed = vault.reEncrypt(row.access_token_sealed, { workspaceId: row.workspace_id, connectorId: row.id });
        await manager.query(
          'UPDATE connectors SET access_token_sealed = $1, access_token_key_id = $2 WHERE id = $3 AND workspace_id = $4',
          [sealed, vault.currentKey, row.id, row.workspace_id],
        );
      }
      reEncrypted += rows.length;
      return rows.length < BATCH;
    });
    if (done) return { reEncrypted };
  }
}
