import { Injectable } from '@nestjs/common';
import { Database, SqlSession, Transaction, WorkspaceId } from '@app/core';
import { PlatformId } from '../platform/platform';
import { Connector, SealedConnector } from './connector';

export type NewConnector = Omit<SealedConnector, 'workspaceId' | 'createdAt' | 'updatedAt'>;
export type ConnectorChanges = Partial<Omit<SealedConnector, 'id' | 'workspaceId' | 'platform' | 'createdAt' | 'updatedAt'>>;

const COLUMN_OF: Record<keyof ConnectorChanges, string> = {
  name: 'name',
  pixelCode: 'pixel_code',
  accessTokenSealed: 'access_token_sealed',
  accessTokenKeyId: 'access_token_key_id',
  accessTokenHint: 'access_token_hint',
  testEventCode: 'test_event_code',
  status: 'status',
  statusReason: 'status_reason',
  eventMapping: 'event_mapping',
  options: 'options',
  lastValidation: 'last_validation',
};
const JSON_COLUMNS = new Set(['event_mapping', 'options', 'last_validation']);

const COLUMNS = `id, workspace_id AS "workspaceId", platform, name, pixel_code AS "pixelCode", access_token_key_id AS "accessTokenKeyId",
       access_token_hint AS "accessTokenHint", test_event_code AS "testEventCode", status, status_reason AS "statusReason",
       event_mapping AS "eventMapping", options, last_validation AS "lastValidation", created_at AS "createdAt", updated_at AS "updatedAt"`;

// The connectors table. The sealed access token is read only by the methods that say so.
@Injectable()
export class ConnectorsRepository {
  constructor(private readonly db: Database) {}

  list(workspaceId: WorkspaceId): Promise<Connector[]> {
    return this.db.forWorkspace(workspaceId).many(`SELECT ${COLUMNS} FROM connectors WHERE workspace_id = $1 ORDER BY created_at, id`);
  }

  find(workspaceId: WorkspaceId, connectorId: string): Promise<Connector | undefined> {
    return this.db.forWorkspace(workspaceId).one(`SELECT ${COLUMNS} FROM connectors WHERE workspace_id = $1 AND id = $2`, [connectorId]);
  }

  findWithSealedToken(workspaceId: WorkspaceId, connectorId: string): Promise<SealedConnector | undefined> {
    return this.db
      .forWorkspace(workspaceId)
      .one(`SELECT ${COLUMNS}, access_token_sealed AS "accessTokenSealed" FROM connectors WHERE workspace_id = $1 AND id = $2`, [connectorId]);
  }

  async insert(workspaceId: WorkspaceId, connector: NewConnector, session: SqlSession = this.db): Promise<Connector> {
    const row = await session.forWorkspace(workspaceId).one<Connector>(
      `INSERT INTO connectors (workspace_id, id, platform, name, pixel_code, access_token_sealed, access_token_key_id, access_token_hint,
                               test_event_code, status, status_reason, event_mapping, options, last_validation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb)
       RETURNING ${COLUMNS}`,
      [
        connector.id,
        connector.platform,
        connector.name,
        connector.pixelCode,
        connector.accessTokenSealed,
        connector.accessTokenKeyId,
        connector.accessTokenHint,
        connector.testEventCode,
        connector.status,
        connector.statusReason,
        JSON.stringify(connector.eventMapping),
        JSON.stringify(connector.options),
        JSON.stringify(connector.lastValidation),
      ],
    );
    return row as Connector;
  }

  // Sets the given fields only (and updated_at); the column names come from a fixed list.
  update(workspaceId: WorkspaceId, connectorId: string, changes: ConnectorChanges, session: SqlSession = this.db): Promise<number> {
    const sets: string[] = ['updated_at = now()'];
    const values: unknown[] = [connectorId];
    for (const [field, value] of Object.entries(changes) as Array<[keyof ConnectorChanges, unknown]>) {
      if (value === undefined) continue;
      const column = COLUMN_OF[field];
      values.push(JSON_COLUMNS.has(column) ? JSON.stringify(value) : value);
      sets.push(`${column} = $${values.length + 1}${JSON_COLUMNS.has(column) ? '::jsonb' : ''}`);
    }
    return session.forWorkspace(workspaceId).execute(`UPDATE connectors SET ${sets.join(', ')} WHERE workspace_id = $1 AND id = $2`, values);
  }

  delete(workspaceId: WorkspaceId, connectorId: string): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute('DELETE FROM connectors WHERE workspace_id = $1 AND id = $2', [connectorId]);
  }

  // The invalid connectors, for the metrics report's health checks.
  listInvalid(workspaceId: WorkspaceId, connectorId: string | null): Promise<Array<{ id: string; name: string; platform: string; reason: string | null }>> {
    return this.db.forWorkspace(workspaceId).many(
      `SELECT id, name, platform, status_reason AS reason FROM connectors
        WHERE workspace_id = $1 AND status = 'invalid' AND ($2::uuid IS NULL OR id = $2)`,
      [connectorId],
    );
  }

  // The workspaces that have a connector, a page at a time in id order after `after`: the alert
  // rules then read each one with its own scoped statements.
  workspacesWithConnectors(after: string | null, limit: number): Promise<Array<{ workspaceId: WorkspaceId }>> {
    return this.db.acrossWorkspaces('alert-rules').many(
      `SELECT DISTINCT workspace_id AS "workspaceId" FROM connectors
        WHERE workspace_id > COALESCE($1::uuid, '00000000-0000-0000-0000-000000000000') ORDER BY 1 LIMIT $2`,
      [after, limit],
    );
  }

  // Key rotation: rows sealed under another key than the current one, locked for re-sealing.
  // Cross-workspace by nature; each row is then re-sealed with its own workspace's condition.
  lockSealedUnderOtherKeys(
    tx: Transaction,
    currentKeyId: string,
    limit: number,
  ): Promise<Array<{ id: string; workspaceId: WorkspaceId; accessTokenSealed: string }>> {
    return tx.acrossWorkspaces('credential-reencryption').many(
      `SELECT id, workspace_id AS "workspaceId", access_token_sealed AS "accessTokenSealed" FROM connectors
        WHERE access_token_key_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [currentKeyId, limit],
    );
  }

  // `npm run dev` tells the local platform sandbox every connector's pixel and token after a
  // restart (openAllConnectorCredentials), whichever workspace owns it.
  sealedCredentialsOfPlatform(
    platform: PlatformId,
  ): Promise<Array<{ id: string; workspaceId: WorkspaceId; pixelCode: string; accessTokenSealed: string }>> {
    return this.db.acrossWorkspaces('dev-sandbox-pixels').many(
      `SELECT id, workspace_id AS "workspaceId", pixel_code AS "pixelCode", access_token_sealed AS "accessTokenSealed" FROM connectors
        WHERE platform = $1 ORDER BY workspace_id, id`,
      [platform],
    );
  }

  reseal(workspaceId: WorkspaceId, connectorId: string, sealed: string, keyId: string, session: SqlSession = this.db): Promise<number> {
    return session
      .forWorkspace(workspaceId)
      .execute('UPDATE connectors SET access_token_sealed = $3, access_token_key_id = $4 WHERE workspace_id = $1 AND id = $2', [
        connectorId,
        sealed,
        keyId,
      ]);
  }
}
