import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MetricsRollup } from './metrics.rollup';

const ROLLUP_INTERVAL_MS = 1000;

// Runs in the worker: keeps metric_increments short between reads (which roll up themselves).
@Injectable()
export class MetricsRollupScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsRollupScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly rollup: MetricsRollup) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.rollup
        .rollUp()
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn({ err: error }, 'Metrics roll-up failed; trying again at the next interval'),
        )
        .finally(() => (this.running = undefined));
    }, ROLLUP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
