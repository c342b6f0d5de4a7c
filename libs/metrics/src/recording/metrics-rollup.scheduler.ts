import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@app/core';
import { MetricsRollup } from './metrics.rollup';

const ROLLUP_INTERVAL_MS = 1000;

// Runs in the worker: keeps metric_increments short between reads (which roll up themselves).
@Injectable()
export class MetricsRollupScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsRollupScheduler.name);
  private readonly task: PeriodicTask;

  constructor(rollup: MetricsRollup) {
    this.task = new PeriodicTask(
      () => rollup.rollUp().catch((error: unknown) => this.logger.warn({ err: error }, 'Metrics roll-up failed; trying again at the next interval')),
      ROLLUP_INTERVAL_MS,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
