import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig, InjectConfig, QueueName, RedisErrorLog, workspaceIdOf } from '@app/core';
import { DeliverConnectorJob } from '@app/platforms';
import { DeliveryService } from './delivery.service';

// A worker that dies keeps its jobs "active" until their lock expires and BullMQ's stalled-job
// check hands them to a live worker; meanwhile nudges for those connector slots are deduplicated
// against the dead jobs. BullMQ's defaults (30 s lock, 30 s check) made that 30-60 s, and more
// with retries; these make it about 5 s (docs/delivery.md). The lock is renewed every
// lockDuration / 2 while the job runs, however long the platform takes to answer.
export const DELIVERY_JOB_LOCK_MS = 4_000;
export const DELIVERY_STALLED_CHECK_MS = 1_000;

// Jobs carry ids, never payloads: the rows in Postgres are the truth, the job is only a nudge.
@Processor(QueueName.Delivery, { lockDuration: DELIVERY_JOB_LOCK_MS, stalledInterval: DELIVERY_STALLED_CHECK_MS })
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryProcessor.name);
  private readonly redisErrors = new RedisErrorLog(this.logger, 'delivery worker');

  constructor(
    private readonly delivery: DeliveryService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  // The decorator's options are fixed at import time; concurrency comes from the validated config.
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.delivery.concurrency;
  }

  // Runs before onApplicationShutdown, where the Database closes its pool: a batch whose request
  // already reached the platform must still be able to commit "delivered", or it would be sent again.
  async beforeApplicationShutdown(): Promise<void> {
    this.delivery.stop();
    await this.worker.close();
  }

  async process(job: Job<DeliverConnectorJob>): Promise<void> {
    // A job payload is data from Redis: its workspace id is checked before any query uses it.
    await this.delivery.drain(workspaceIdOf(job.data.workspaceId), job.data.connectorId);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.redisErrors.error(error);
  }

  @OnWorkerEvent('ready')
  onReady(): void {
    this.redisErrors.ready();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<DeliverConnectorJob> | undefined, error: Error): void {
    this.logger.error({ err: error, connectorId: job?.data.connectorId }, 'Delivery job failed; the sweeper will retry');
  }
}
