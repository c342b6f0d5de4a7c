import { Injectable } from '@nestjs/common';
import { WorkspaceId } from '@app/core';
import { resolveWorkspaceSettings, WorkspaceSettings } from './workspace-settings';
import { WorkspacesRepository } from './workspaces.repository';

export interface WorkspaceRetention {
  workspaceId: WorkspaceId;
  settings: WorkspaceSettings;
}

// Every workspace with its resolved settings, for processes that apply them to stored rows (the
// worker's storage maintenance) without the HTTP side of tenancy.
@Injectable()
export class WorkspaceRetentionService {
  constructor(private readonly workspaces: WorkspacesRepository) {}

  async all(): Promise<WorkspaceRetention[]> {
    const rows = await this.workspaces.settingsOfAll();
    return rows.map((row) => ({ workspaceId: row.id, settings: resolveWorkspaceSettings(row.settings) }));
  }
}
