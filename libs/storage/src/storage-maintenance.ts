import { Injectable } from '@nestjs/common';
import { DAY_MS, WorkspaceId } from '@app/core';
import { EventDedupRepository } from '@app/dedup';
import { EventsRepository, RawEventsRetention, ReceivedCursor } from '@app/events';
import { ClickIdPruner } from '@app/ingest';
import { MetricsRollup } from '@app/metrics';
import { DeliveriesRepository, DeliveryLogsRepository } from '@app/platforms';
import { WorkspaceRetention, WorkspaceRetentionService } from '@app/tenancy';
import { BatchLimits, inBoundedBatches } from './bounded-batches';
import { DayPartitionMaintenance, PartitionCounts } from './day-partition.maintenance';

// Per workspace and table: 1,000 rows per statement, at most 50 statements per run, so one
// workspace's backlog neither starves the others nor holds the run; the next run continues. The
// 100 ms between statements bounds the job's share of the machine during a backlog: with none,
// dedup claims went at 84,000 a second, took 0.42 of 2 cores and ingest lost as much (0.77x in
// the bench's pruning phase); with it about 9,000 a second, still 2.5 times what 3,500 events a
// second expire (docs/benchmark.md).
export const WORKSPACE_BATCHES: BatchLimits = { batchSize: 1_000, maxBatches: 50, pauseMs: 100 };
// Across workspaces (raw events, click ids): 5,000 rows per statement with 200 ms between them,
// measured beside ingest (docs/benchmark.md), until nothing expired is left or shutdown.
export const GLOBAL_BATCHES: BatchLimits = { batchSize: 5_000, pauseMs: 200 };

export interface PruneCounts extends PartitionCounts {
  dedupClaims: number;
  events: number;
  deliveryLogs: number;
  metricCounts: number;
  // Events past retention kept because a delivery of theirs is pending or in doubt.
  eventsKeptForOpenWork: number;
  rawEvents: number;
  clickIds: number;
}

// The one retention job of the worker. It owns no table: first whole day partitions go (past
// every workspace's retention, DayPartitionMaintenance), then each owner lib deletes its own rows
// (dedup claims, events with their deliveries, delivery attempts, metric roll-ups, raw events,
// click ids) in one bounded statement, and this runs those statements in batches. Per workspace
// with its settings, then the tables kept by a global window. Nothing on the ingest path waits
// for it.
@Injectable()
export class StorageMaintenance {
  constructor(
    private readonly workspaces: WorkspaceRetentionService,
    private readonly dedup: EventDedupRepository,
    private readonly events: EventsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly deliveryLogs: DeliveryLogsRepository,
    private readonly metrics: MetricsRollup,
    private readonly rawEvents: RawEventsRetention,
    private readonly clickIds: ClickIdPruner,
    private readonly dayPartitions: DayPartitionMaintenance,
  ) {}

  // `signal` aborts on shutdown: the run stops before its next statement.
  async runOnce(signal?: AbortSignal): Promise<PruneCounts> {
    const workspaces = await this.workspaces.all();
    const total: PruneCounts = {
      ...(await this.dayPartitions.run(workspaces, new Date(), signal)),
      dedupClaims: 0,
      events: 0,
      deliveryLogs: 0,
      metricCounts: 0,
      eventsKeptForOpenWork: 0,
      rawEvents: 0,
      clickIds: 0,
    };
    for (const workspace of workspaces) {
      if (signal?.aborted) return total;
      const counts = await this.pruneWorkspace(workspace, signal);
      for (const key of Object.keys(counts) as Array<keyof typeof counts>) total[key] += counts[key];
    }
    total.rawEvents = await inBoundedBatches((limit) => this.rawEvents.pruneExpired(limit), GLOBAL_BATCHES, signal);
    for (const workspaceId of await this.rawEvents.workspacesOverRefusedLimit()) {
      total.rawEvents += await inBoundedBatches((limit) => this.rawEvents.trimRefused(workspaceId, limit), WORKSPACE_BATCHES, signal);
    }
    total.clickIds = await inBoundedBatches((limit) => this.clickIds.pruneExpired(limit), GLOBAL_BATCHES, signal);
    return total;
  }

  private async pruneWorkspace(
    { workspaceId, settings }: WorkspaceRetention,
    signal?: AbortSignal,
  ): Promise<Pick<PruneCounts, 'dedupClaims' | 'events' | 'deliveryLogs' | 'metricCounts' | 'eventsKeptForOpenWork'>> {
    const dedupClaims = await inBoundedBatches((limit) => this.dedup.pruneExpired(workspaceId, settings.dedupWindowHours, limit), WORKSPACE_BATCHES, signal);
    const deliveryLogs = await inBoundedBatches(
      (limit) => this.deliveryLogs.pruneSettled(workspaceId, settings.deliveryLogRetentionDays, limit),
      WORKSPACE_BATCHES,
      signal,
    );
    const metricCounts = await inBoundedBatches((limit) => this.metrics.pruneExpired(workspaceId, limit), WORKSPACE_BATCHES, signal);
    const { deleted, kept } = await this.pruneEvents(workspaceId, settings.eventRetentionDays, signal);
    return { dedupClaims, events: deleted, deliveryLogs, metricCounts, eventsKeptForOpenWork: kept };
  }

  // Pages through the events past retention (a page of events all still owed must not stop the
  // walk, so a batch counts the page, not the deletes), deleting those without open work.
  private async pruneEvents(workspaceId: WorkspaceId, days: number, signal?: AbortSignal): Promise<{ deleted: number; kept: number }> {
    const before = new Date(Date.now() - days * DAY_MS);
    let after: ReceivedCursor | undefined;
    let deleted = 0;
    let kept = 0;
    await inBoundedBatches(
      async (limit) => {
        const page = await this.events.receivedBetween(workspaceId, new Date(0), before, after, limit);
        if (page.length === 0) return 0;
        after = page[page.length - 1];
        const open = await this.deliveries.eventsWithOpenWork(
          workspaceId,
          page.map((event) => event.id),
        );
        kept += open.size;
        const done = page.filter((event) => !open.has(event.id)).map((event) => event.id);
        await this.deliveries.deleteOfEvents(workspaceId, done, before);
        deleted += await this.events.delete(workspaceId, done, before);
        return page.length;
      },
      WORKSPACE_BATCHES,
      signal,
    );
    return { deleted, kept };
  }
}
