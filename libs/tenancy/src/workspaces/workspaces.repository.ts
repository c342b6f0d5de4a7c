import { Injectable } from '@nestjs/common';
import { Database, SqlSession, WorkspaceId } from '@app/core';
import { Role } from '../access/role';
import { WorkspaceSettings } from './workspace-settings';

export interface WorkspaceRow {
  id: WorkspaceId;
  name: string;
  slug: string;
  settings: Partial<WorkspaceSettings>;
  createdAt: Date;
}

export interface WorkspacePatch {
  name?: string;
  slug?: string;
  // Merged into the stored settings key by key.
  settings?: Partial<WorkspaceSettings>;
}

const COLUMNS = 'id, name, slug, settings, created_at AS "createdAt"';

// The workspaces table, the tenant root: its own id is its workspace condition (`id = $1`).
@Injectable()
export class WorkspacesRepository {
  constructor(private readonly db: Database) {}

  // undefined when the slug is taken; ON CONFLICT keeps the caller's transaction usable.
  insert(name: string, slug: string, session: SqlSession = this.db): Promise<WorkspaceRow | undefined> {
    return session.one(`INSERT INTO workspaces (name, slug) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`, [name, slug]);
  }

  find(workspaceId: WorkspaceId): Promise<WorkspaceRow | undefined> {
    return this.db.forWorkspace(workspaceId).one(`SELECT ${COLUMNS} FROM workspaces WHERE id = $1`);
  }

  settings(workspaceId: WorkspaceId): Promise<Partial<WorkspaceSettings> | undefined> {
    return this.db
      .forWorkspace(workspaceId)
      .one<{ settings: Partial<WorkspaceSettings> }>('SELECT settings FROM workspaces WHERE id = $1')
      .then((row) => row?.settings);
  }

  // One statement, so two concurrent settings changes both land (jsonb || merges key by key).
  update(workspaceId: WorkspaceId, patch: WorkspacePatch): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `UPDATE workspaces SET name = coalesce($2, name), slug = coalesce($3, slug), settings = settings || $4::jsonb, updated_at = now()
        WHERE id = $1`,
      [patch.name ?? null, patch.slug ?? null, JSON.stringify(patch.settings ?? {})],
    );
  }

  // Memberships, keys and everything else owned by the workspace go with it (ON DELETE CASCADE,
  // and a trigger for the ingest tables without foreign keys).
  delete(workspaceId: WorkspaceId): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute('DELETE FROM workspaces WHERE id = $1');
  }

  // Every workspace's stored settings, for the storage maintenance's retention.
  settingsOfAll(): Promise<Array<{ id: WorkspaceId; settings: Partial<WorkspaceSettings> }>> {
    return this.db.acrossWorkspaces('storage-retention').many('SELECT id, settings FROM workspaces ORDER BY id');
  }

  listForUser(userId: string): Promise<Array<WorkspaceRow & { role: Role }>> {
    return this.db.acrossWorkspaces('workspaces-of-user').many(
      `SELECT w.id, w.name, w.slug, m.role, w.settings, w.created_at AS "createdAt"
         FROM workspaces w JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $1
        ORDER BY w.created_at`,
      [userId],
    );
  }
}
