import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, InjectConfig, QueueName } from '@app/core';
import { DeliverConnectorJob } from '@app/platforms';
import { TikTokDeliveryService } from './tiktok-delivery.service';

// Jobs carry ids, never payloads: the rows in Postgres are the truth, the job is only a nudge.
@Processor(QueueName.Delivery)
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryProcessor.name);

  constructor(
    private readonly delivery: TikTokDeliveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  // The decorator's options are fixed at import time; concurrency comes from the validated config.
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.delivery.concurrency;
  }

  // Runs before onApplicationShutdown, where TypeORM closes its pool: a batch whose request
  // already reached TikTok must still be able to commit "delivered", or it would be sent again.
  async beforeApplicationShutdown(): Promise<void> {
    this.delivery.stop();
    await this.worker.close();
  }

  async process(job: Job<DeliverConnectorJob>): Promise<void> {
    await this.delivery.drain(job.data.workspaceId, job.data.connectorId);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<DeliverConnectorJob> | undefined, error: Error): void {
    this.logger.error({ err: error, connectorId: job?.data.connectorId }, 'Delivery job failed; the sweeper will retry');
  }
}
