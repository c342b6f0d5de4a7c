import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig, PeriodicTask } from '@app/core';
import { StorageMaintenance } from './storage-maintenance';

// Runs in the worker: one maintenance run per interval, never two at once, across restarts too
// (a run only deletes what is past retention, so two workers running it at once only share work).
@Injectable()
export class StorageMaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StorageMaintenanceScheduler.name);
  private readonly task: PeriodicTask;

  constructor(maintenance: StorageMaintenance, @InjectConfig() config: AppConfig) {
    this.task = new PeriodicTask(
      () =>
        maintenance
          .runOnce()
          .then((counts) => this.logger.debug({ counts }, 'Storage retention applied'))
          .catch((error: unknown) => this.logger.warn({ err: error }, 'Storage maintenance failed; trying again at the next interval')),
      config.storageMaintenanceIntervalMs,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
