import { Injectable, Logger } from '@nestjs/common';
import { RawEventsRetention } from '@app/events';
import { DeliveriesRepository, DeliveryLogsRepository } from '@app/platforms';
import { DEFAULT_WORKSPACE_SETTINGS, WorkspaceRetention } from '@app/tenancy';
import { DAY_PARTITIONED_TABLES, DayPartitionedTable, daysToHave, isPastRetention, longestRetention, nextDay, partitionName } from './day-partitions';
import { DayPartition, DayPartitionsRepository } from './day-partitions.repository';

export interface PartitionCounts {
  partitionsCreated: number;
  partitionsDropped: number;
  // Days past every workspace's retention kept because a delivery or an attempt of theirs is
  // still open (pending, in doubt, sending); dropped by a later run once nothing is.
  daysKeptForOpenWork: number;
}

// The day partitions of events, raw_events, deliveries and delivery_logs: yesterday to
// PARTITION_DAYS_AHEAD days ahead exist after every run (and at worker start), and a whole day
// is dropped once it is past every workspace's retention and holds no open work. An event's day
// and its deliveries' day (partitioned by the event's received_at) go together. Rows of
// workspaces with a shorter retention are the batched deletes' (StorageMaintenance).
@Injectable()
export class DayPartitionMaintenance {
  private readonly logger = new Logger(DayPartitionMaintenance.name);

  constructor(
    private readonly partitions: DayPartitionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly deliveryLogs: DeliveryLogsRepository,
    private readonly rawEvents: RawEventsRetention,
  ) {}

  async createAhead(now = new Date()): Promise<number> {
    let created = 0;
    for (const table of DAY_PARTITIONED_TABLES) {
      const existing = new Set((await this.partitions.list(table)).filter((p) => p.attached).map((p) => p.name));
      for (const day of daysToHave(now)) {
        if (!existing.has(partitionName(table, day)) && (await this.partitions.create(table, day))) created += 1;
      }
    }
    return created;
  }

  async run(workspaces: WorkspaceRetention[], now = new Date(), signal?: AbortSignal): Promise<PartitionCounts> {
    const counts: PartitionCounts = { partitionsCreated: await this.createAhead(now), partitionsDropped: 0, daysKeptForOpenWork: 0 };
    const eventDays = longestRetention(
      workspaces.map((w) => w.settings.eventRetentionDays),
      DEFAULT_WORKSPACE_SETTINGS.eventRetentionDays,
    );
    const logDays = longestRetention(
      workspaces.map((w) => w.settings.deliveryLogRetentionDays),
      DEFAULT_WORKSPACE_SETTINGS.deliveryLogRetentionDays,
    );
    // Deliveries before their events: a run stopped between the two leaves an event day without
    // deliveries, which the next run drops.
    await this.dropDays(['deliveries', 'events'], eventDays, now, counts, signal, (from, to) => this.deliveries.holdsOpenWorkForEventsReceived(from, to));
    await this.dropDays(['raw_events'], this.rawEvents.retentionDays, now, counts, signal);
    await this.dropDays(['delivery_logs'], logDays, now, counts, signal, (from, to) => this.deliveryLogs.holdsUnsettledCreated(from, to));
    return counts;
  }

  // Drops the days of `tables` (dropped together, in this order) past `retentionDays`, unless
  // `holdsOpenWork` says the day still has some.
  private async dropDays(
    tables: DayPartitionedTable[],
    retentionDays: number,
    now: Date,
    counts: PartitionCounts,
    signal: AbortSignal | undefined,
    holdsOpenWork?: (from: Date, to: Date) => Promise<boolean>,
  ): Promise<void> {
    const byDay = new Map<number, Array<{ table: DayPartitionedTable; partition: DayPartition }>>();
    for (const table of tables) {
      for (const partition of await this.partitions.list(table)) {
        if (!isPastRetention(partition.day, now, retentionDays)) continue;
        byDay.set(partition.day.getTime(), [...(byDay.get(partition.day.getTime()) ?? []), { table, partition }]);
      }
    }
    for (const [time, partitions] of [...byDay].sort(([a], [b]) => a - b)) {
      if (signal?.aborted) return;
      const day = new Date(time);
      if (holdsOpenWork && (await holdsOpenWork(day, nextDay(day)))) {
        counts.daysKeptForOpenWork += 1;
        continue;
      }
      const inOrder = tables.flatMap((table) => partitions.filter((p) => p.table === table));
      for (const { table, partition } of inOrder) {
        await this.partitions.drop(table, partition);
        counts.partitionsDropped += 1;
        this.logger.log({ partition: partition.name }, 'Dropped a day partition past retention');
      }
    }
  }
}
