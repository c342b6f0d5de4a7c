import { Injectable } from '@nestjs/common';
import { AppConfig, DAY_MS, InjectConfig, WorkspaceId } from '@app/core';
import { RawEventsRepository } from './raw-events.repository';

// What the events debugger keeps: raw events for RAW_EVENTS_RETENTION_DAYS, and per workspace the
// newest RAW_EVENTS_MAX_REFUSED_PER_WORKSPACE duplicate and rejected ones. Each method is one
// bounded DELETE returning the rows deleted; the worker's storage maintenance (libs/storage)
// runs them in batches.
@Injectable()
export class RawEventsRetention {
  constructor(
    private readonly rawEvents: RawEventsRepository,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  // Whole days of raw events older than this are dropped (libs/storage's day partitions).
  get retentionDays(): number {
    return this.config.rawEvents.retentionDays;
  }

  // Raw events older than the retention, in every workspace.
  pruneExpired(limit: number, now = new Date()): Promise<number> {
    return this.rawEvents.deleteOlderThan(new Date(now.getTime() - this.config.rawEvents.retentionDays * DAY_MS), limit);
  }

  async workspacesOverRefusedLimit(): Promise<WorkspaceId[]> {
    return (await this.rawEvents.workspacesOverRefusedLimit(this.config.rawEvents.maxRefusedPerWorkspace)).map((row) => row.workspaceId);
  }

  // The workspace's refused events beyond the newest ones it may keep.
  trimRefused(workspaceId: WorkspaceId, limit: number): Promise<number> {
    return this.rawEvents.trimRefused(workspaceId, this.config.rawEvents.maxRefusedPerWorkspace, limit);
  }
}
