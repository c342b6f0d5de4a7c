import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, InjectConfig, QueueName } from '@app/core';
import { deliveryJobs } from './delivery-job';

const NOTIFY_INTERVAL_MS = 100;

// Accepted events become one pending delivery per connector of their workspace, written in the
// ingest transaction (DeliveriesRepository.addForEvents). This nudges the queue afterwards. The
// queue only says "this connector has work": losing a job (Redis down or flushed) loses nothing,
// because the worker's sweeper finds pending rows in Postgres.
@Injectable()
export class DeliveryOutbox {
  private readonly logger = new Logger(DeliveryOutbox.name);
  private readonly notifiedAt = new Map<string, number>();

  constructor(
    @InjectQueue(QueueName.Delivery) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  // Best effort and never awaited by ingest: with Redis down the request must still answer 202.
  // Under load, ingest would ask Redis to queue the same connector hundreds of times a second; the
  // job is deduplicated anyway and the worker drains all due rows per job, so a nudge per connector
  // every NOTIFY_INTERVAL_MS is enough (the sweeper covers any gap).
  notify(workspaceId: string, connectorIds: string[]): void {
    const now = Date.now();
    const due = connectorIds.filter((id) => now - (this.notifiedAt.get(id) ?? 0) >= NOTIFY_INTERVAL_MS);
    if (due.length === 0) return;
    for (const id of due) this.notifiedAt.set(id, now);
    if (this.notifiedAt.size > 10_000) this.notifiedAt.clear();
    void this.enqueue(workspaceId, due).catch((error: unknown) => {
      this.logger.warn({ err: error, connectorIds: due }, 'Could not enqueue delivery; the sweeper will pick it up');
    });
  }

  private async enqueue(workspaceId: string, connectorIds: string[]): Promise<void> {
    const client = await this.queue.client;
    // A disconnected client would buffer commands in memory without bound while Redis is away.
    if (client.status !== 'ready') throw new Error(`Redis connection is ${client.status}`);
    const parallel = this.config.delivery.parallelPerConnector;
    await this.queue.addBulk(connectorIds.flatMap((connectorId) => deliveryJobs(workspaceId, connectorId, parallel)));
  }
}
