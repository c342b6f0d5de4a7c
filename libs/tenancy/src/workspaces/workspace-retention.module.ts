import { Module } from '@nestjs/common';
import { WorkspaceRetentionService } from './workspace-retention.service';
import { WorkspacesRepository } from './workspaces.repository';

// The workspaces' settings for the worker role: no controllers or guards, unlike TenancyModule.
@Module({ providers: [WorkspacesRepository, WorkspaceRetentionService], exports: [WorkspaceRetentionService] })
export class WorkspaceRetentionModule {}
