import { Injectable } from '@nestjs/common';
import { WorkspaceId } from '@app/core';
import { EventDedupRepository } from '@app/dedup';
import { EventCursor, EventsRepository } from '@app/events';
import { DeliveriesRepository, DeliveryLogsRepository } from '@app/platforms';
import { WorkspaceRetention, WorkspaceRetentionService } from '@app/tenancy';

// Rows per statement: each delete holds its row locks briefly, so ingest and delivery never wait
// on a long one.
export const PRUNE_BATCH = 1000;
// Batches per table and workspace in one run; what is left waits for the next run, so one
// workspace's backlog cannot starve the others or hold the run for long.
export const MAX_BATCHES_PER_RUN = 50;

export interface PruneCounts {
  dedupClaims: number;
  events: number;
  deliveryLogs: number;
  // Events past retention kept because a delivery of theirs is pending or in doubt.
  eventsKeptForOpenWork: number;
}

// Applies each workspace's retention to what it stores: expired dedup claims, events (and with
// them their deliveries) past eventRetentionDays unless still owed to a platform, and settled
// delivery attempts past deliveryLogRetentionDays. Batched per workspace; nothing on the ingest
// path waits for it.
@Injectable()
export class StorageMaintenance {
  constructor(
    private readonly workspaces: WorkspaceRetentionService,
    private readonly dedup: EventDedupRepository,
    private readonly events: EventsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly deliveryLogs: DeliveryLogsRepository,
  ) {}

  async runOnce(): Promise<PruneCounts> {
    const total: PruneCounts = { dedupClaims: 0, events: 0, deliveryLogs: 0, eventsKeptForOpenWork: 0 };
    for (const workspace of await this.workspaces.all()) {
      const counts = await this.pruneWorkspace(workspace);
      for (const key of Object.keys(total) as Array<keyof PruneCounts>) total[key] += counts[key];
    }
    return total;
  }

  private async pruneWorkspace({ workspaceId, settings }: WorkspaceRetention): Promise<PruneCounts> {
    const dedupClaims = await batched(() => this.dedup.pruneExpired(workspaceId, settings.dedupWindowHours, PRUNE_BATCH));
    const deliveryLogs = await batched(() => this.deliveryLogs.pruneSettled(workspaceId, settings.deliveryLogRetentionDays, PRUNE_BATCH));
    const { deleted, kept } = await this.pruneEvents(workspaceId, settings.eventRetentionDays);
    return { dedupClaims, events: deleted, deliveryLogs, eventsKeptForOpenWork: kept };
  }

  // Pages through the events past retention (a page of events all still owed must not stop the
  // walk), deleting those without open work.
  private async pruneEvents(workspaceId: WorkspaceId, days: number): Promise<{ deleted: number; kept: number }> {
    let after: EventCursor | undefined;
    let deleted = 0;
    let kept = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const page = await this.events.receivedBefore(workspaceId, days, after, PRUNE_BATCH);
      if (page.length === 0) break;
      after = page[page.length - 1];
      const open = await this.deliveries.eventsWithOpenWork(
        workspaceId,
        page.map((event) => event.id),
      );
      kept += open.size;
      deleted += await this.events.delete(
        workspaceId,
        page.filter((event) => !open.has(event.id)).map((event) => event.id),
      );
      if (page.length < PRUNE_BATCH) break;
    }
    return { deleted, kept };
  }
}

async function batched(prune: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const deleted = await prune();
    total += deleted;
    if (deleted < PRUNE_BATCH) break;
  }
  return total;
}
