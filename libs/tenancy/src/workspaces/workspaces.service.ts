import { Injectable } from '@nestjs/common';
import { Database, DomainError, SqlSession, WorkspaceId } from '@app/core';
import { MembershipsRepository } from '../members/memberships.repository';
import { Role } from '../access/role';
import { WorkspaceView } from './dto/workspace.dto';
import { slugify, slugWithSuffix } from './workspace-slug';
import { resolveWorkspaceSettings, WorkspaceSettings } from './workspace-settings';
import { WorkspacePatch, WorkspaceRow, WorkspacesRepository } from './workspaces.repository';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly db: Database,
    private readonly workspaces: WorkspacesRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async createWithOwner(userId: string, name: string, session?: SqlSession): Promise<WorkspaceView> {
    if (!session) return this.db.transaction((tx) => this.createWithOwner(userId, name, tx));
    const workspace = await this.insertWithFreeSlug(session, name);
    await this.memberships.insert(workspace.id, userId, 'owner', session);
    return toView(workspace, 'owner');
  }

  async listForUser(userId: string): Promise<WorkspaceView[]> {
    const rows = await this.workspaces.listForUser(userId);
    return rows.map((row) => toView(row, row.role));
  }

  async get(workspaceId: WorkspaceId, role: Role): Promise<WorkspaceView> {
    const workspace = await this.workspaces.find(workspaceId);
    if (!workspace) throw DomainError.notFound('Workspace');
    return toView(workspace, role);
  }

  // The settings ingest applies to the workspace's events, with defaults for keys never set.
  async settingsOf(workspaceId: WorkspaceId): Promise<WorkspaceSettings | undefined> {
    const stored = await this.workspaces.settings(workspaceId);
    return stored === undefined ? undefined : resolveWorkspaceSettings(stored);
  }

  async update(workspaceId: WorkspaceId, role: Role, patch: WorkspacePatch): Promise<WorkspaceView> {
    if (patch.name !== undefined || patch.slug !== undefined || patch.settings !== undefined) {
      try {
        await this.workspaces.update(workspaceId, patch);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError('conflict', 'slug_taken', `The slug "${patch.slug}" is already taken`, { field: 'slug' });
        }
        throw error;
      }
    }
    return this.get(workspaceId, role);
  }

  async delete(workspaceId: WorkspaceId): Promise<void> {
    await this.workspaces.delete(workspaceId);
  }

  private async insertWithFreeSlug(session: SqlSession, name: string): Promise<WorkspaceRow> {
    for (const slug of [slugify(name), slugWithSuffix(name), slugWithSuffix(name)]) {
      const row = await this.workspaces.insert(name, slug, session);
      if (row) return row;
    }
    throw new DomainError('conflict', 'slug_taken', 'Could not find a free slug for this workspace name; try another name');
  }
}

function toView(workspace: WorkspaceRow, role: Role): WorkspaceView {
  return {
    id: workspace.id,
    name: workspace.name,
    slug: workspace.slug,
    role,
    settings: resolveWorkspaceSettings(workspace.settings),
    createdAt: workspace.createdAt,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}
