import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, InjectConfig, PeriodicTask, QueueName } from '@app/core';
import { DeliveriesRepository, deliveryJobs } from '@app/platforms';

// The outbox sweeper: finds connectors with due pending deliveries and queues a job for each.
// This is what makes Redis disposable: a flushed or restarted Redis, a failed enqueue at ingest,
// and retries whose backoff has elapsed all end up here. Jobs are deduplicated per connector, so
// several workers sweeping at once queue each connector once.
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweeper.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    @InjectQueue(QueueName.Delivery) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.task = new PeriodicTask(() => this.sweep(), config.delivery.sweepIntervalMs);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  async sweep(): Promise<number> {
    try {
      const due = await this.deliveries.connectorsWithDueWork();
      if (due.length === 0) return 0;
      const parallel = this.config.delivery.parallelPerConnector;
      await this.queue.addBulk(due.flatMap(({ workspaceId, connectorId }) => deliveryJobs(workspaceId, connectorId, parallel)));
      return due.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'Sweep failed; trying again at the next interval');
      return 0;
    }
  }
}
