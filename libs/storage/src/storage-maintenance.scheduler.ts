import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig, PeriodicTask } from '@app/core';
import { DayPartitionMaintenance } from './day-partition.maintenance';
import { StorageMaintenance } from './storage-maintenance';

// Runs in the worker: one maintenance run per interval, never two at once in a process (a run
// only deletes what is past retention, so two workers running it at once only share work).
@Injectable()
export class StorageMaintenanceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StorageMaintenanceScheduler.name);
  private readonly task: PeriodicTask;
  private readonly shutdown = new AbortController();

  constructor(
    maintenance: StorageMaintenance,
    private readonly dayPartitions: DayPartitionMaintenance,
    @InjectConfig() config: AppConfig,
  ) {
    this.task = new PeriodicTask(
      () =>
        maintenance
          .runOnce(this.shutdown.signal)
          .then((counts) => this.logger.debug({ counts }, 'Storage retention applied'))
          .catch((error: unknown) => this.logger.warn({ err: error }, 'Storage maintenance failed; trying again at the next interval')),
      config.storageMaintenanceIntervalMs,
    );
  }

  // The days ahead exist before the first interval ends (an api may have ingested for days
  // without a worker); a failure is retried by every run.
  async onApplicationBootstrap(): Promise<void> {
    await this.dayPartitions
      .createAhead()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Creating day partitions ahead failed; the next maintenance run tries again'));
    this.task.start();
  }

  // Before the database pool closes (onApplicationShutdown): the run in progress stops before its
  // next statement, and shutdown waits only for the statement in flight.
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.task.stop();
  }
}
