import { Injectable } from '@nestjs/common';
import { Database, WorkspaceId } from '@app/core';

export interface IngestKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = 'id, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"';

// The ingest_keys table. The key itself is never stored, only its SHA-256 (key_hash), which is
// never read back.
@Injectable()
export class IngestKeysRepository {
  constructor(private readonly db: Database) {}

  async insert(workspaceId: WorkspaceId, key: { name: string; prefix: string; hash: string; createdBy: string }): Promise<IngestKeyRow> {
    const row = await this.db
      .forWorkspace(workspaceId)
      .one<IngestKeyRow>(`INSERT INTO ingest_keys (workspace_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`, [
        key.name,
        key.prefix,
        key.hash,
        key.createdBy,
      ]);
    return row as IngestKeyRow;
  }

  list(workspaceId: WorkspaceId): Promise<IngestKeyRow[]> {
    return this.db.forWorkspace(workspaceId).many(`SELECT ${COLUMNS} FROM ingest_keys WHERE workspace_id = $1 ORDER BY created_at DESC, id`);
  }

  find(workspaceId: WorkspaceId, keyId: string): Promise<IngestKeyRow | undefined> {
    return this.db.forWorkspace(workspaceId).one(`SELECT ${COLUMNS} FROM ingest_keys WHERE workspace_id = $1 AND id = $2`, [keyId]);
  }

  count(workspaceId: WorkspaceId): Promise<number> {
    return this.db
      .forWorkspace(workspaceId)
      .one<{ n: number }>('SELECT count(*)::int AS n FROM ingest_keys WHERE workspace_id = $1')
      .then((row) => row?.n ?? 0);
  }

  revoke(workspaceId: WorkspaceId, keyId: string): Promise<number> {
    return this.db
      .forWorkspace(workspaceId)
      .execute('UPDATE ingest_keys SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL', [keyId]);
  }

  touch(workspaceId: WorkspaceId, keyId: string, at: Date): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute('UPDATE ingest_keys SET last_used_at = $3 WHERE workspace_id = $1 AND id = $2', [keyId, at]);
  }

  // The one lookup that cannot be scoped: a request carries only its key, and this is how it
  // finds its workspace.
  findActiveByHash(hash: string): Promise<{ id: string; workspaceId: WorkspaceId } | undefined> {
    return this.db
      .acrossWorkspaces('ingest-key-lookup')
      .one('SELECT id, workspace_id AS "workspaceId" FROM ingest_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hash]);
  }
}
