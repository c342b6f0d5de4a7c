import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { DomainError, InjectScopedRepository, WorkspaceScopedRepository } from '@app/core';
import { Membership } from '../entities/membership.entity';
import { Workspace } from '../entities/workspace.entity';
import { Role } from '../access/role';
import { WorkspaceView } from './dto/workspace.dto';
import { slugify, slugWithSuffix } from './workspace-slug';
import { resolveWorkspaceSettings, WorkspaceSettings } from './workspace-settings';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly dataSource: DataSource,
    // Workspaces are the tenant root, not workspace-owned rows: reads go through membership joins.
    @InjectRepository(Workspace) private readonly workspaces: Repository<Workspace>,
    @InjectScopedRepository(Membership) private readonly memberships: WorkspaceScopedRepository<Membership>,
  ) {}

  async createWithOwner(userId: string, name: string, manager?: EntityManager): Promise<WorkspaceView> {
    if (!manager) return this.dataSource.transaction((tx) => this.createWithOwner(userId, name, tx));
    const workspace = await this.insertWithFreeSlug(manager, name);
    await this.memberships.withManager(manager).insert(workspace.id, { userId, role: 'owner' });
    return toView(workspace, 'owner');
  }

  listForUser(userId: string): Promise<WorkspaceView[]> {
    return this.workspaces
      .createQueryBuilder('w')
      .innerJoin(Membership, 'm', 'm.workspace_id = w.id AND m.user_id = :userId', { userId })
      .select(['w.id AS id', 'w.name AS name', 'w.slug AS slug', 'm.role AS role', 'w.settings AS settings', 'w.created_at AS "createdAt"'])
      .orderBy('w.created_at', 'ASC')
      .getRawMany<WorkspaceView>()
      .then((rows) => rows.map((row) => ({ ...row, settings: resolveWorkspaceSettings(row.settings) })));
  }

  async get(workspaceId: string, role: Role): Promise<WorkspaceView> {
    const workspace = await this.workspaces.findOneBy({ id: workspaceId });
    if (!workspace) throw DomainError.notFound('Workspace');
    return toView(workspace, role);
  }

  async update(
    workspaceId: string,
    role: Role,
    patch: { name?: string; slug?: string; settings?: Partial<WorkspaceSettings> },
  ): Promise<WorkspaceView> {
    const changes: Partial<Workspace> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.slug !== undefined) changes.slug = patch.slug;
    if (patch.settings !== undefined) {
      const current = await this.workspaces.findOneByOrFail({ id: workspaceId });
      changes.settings = { ...current.settings, ...patch.settings };
    }
    if (Object.keys(changes).length > 0) {
      try {
        await this.workspaces.update({ id: workspaceId }, changes);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError('conflict', 'slug_taken', `The slug "${patch.slug}" is already taken`, { field: 'slug' });
        }
        throw error;
      }
    }
    return this.get(workspaceId, role);
  }

  // Memberships, keys and everything else owned by the workspace go with it (ON DELETE CASCADE).
  async delete(workspaceId: string): Promise<void> {
    await this.workspaces.delete({ id: workspaceId });
  }

  private async insertWithFreeSlug(manager: EntityManager, name: string): Promise<Workspace> {
    const repository = manager.getRepository(Workspace);
    const candidates = [slugify(name), slugWithSuffix(name), slugWithSuffix(name)];
    for (const slug of candidates) {
      // ON CONFLICT keeps the transaction usable when the slug is taken.
      const rows = await repository
        .createQueryBuilder()
        .insert()
        .values({ name, slug })
        .orIgnore()
        .returning('*')
        .execute();
      const raw = rows.raw as Array<{ id: string; name: string; slug: string; settings: Partial<WorkspaceSettings>; created_at: Date; updated_at: Date }>;
      if (raw.length > 0) {
        const row = raw[0];
        return repository.create({
          id: row.id,
          name: row.name,
          slug: row.slug,
          settings: row.settings,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        });
      }
    }
    throw new DomainError('conflict', 'slug_taken', 'Could not find a free slug for this workspace name; try another name');
  }
}

function toView(workspace: Workspace, role: Role): WorkspaceView {
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
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}
