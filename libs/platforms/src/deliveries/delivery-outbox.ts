import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, InjectConfig, QueueName } from '@app/core';
import { deliveryJobs } from './delivery-job';

const NOTIFY_INTERVAL_MS = 100;

// Accepted events are read by each connector's cursor, from which the worker writes their pending
// deliveries (DeliveriesRepository.materialize). This nudges the queue after ingest commits. The
// queue only says "this connector has work": losing a job (Redis down or flushed) loses nothing,
// because the worker's sweeper finds pending rows and cursors behind their events in Postgres.
@Injectable()
export class DeliveryOutbox implements OnModuleDestroy {
  private readonly logger = new Logger(DeliveryOutbox.name);
  private readonly notifiedAt = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();

  constructor(
    @InjectQueue(QueueName.Delivery) private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  // Best effort and never awaited by ingest: with Redis down the request must still answer 202.
  // Under load, ingest would ask Redis to queue the same connector hundreds of times a second; the
  // job is deduplicated anyway and the worker drains all due rows per job, so a nudge per connector
  // every NOTIFY_INTERVAL_MS is enough. A connector nudged less than that ago gets one more nudge
  // when the interval ends: its job may already have drained before this event committed, and
  // without it the event would wait for the sweeper (seconds) instead of at most the interval.
  notify(workspaceId: string, connectorIds: string[]): void {
    const now = Date.now();
    const due: string[] = [];
    for (const id of connectorIds) {
      const last = this.notifiedAt.get(id) ?? 0;
      if (now - last >= NOTIFY_INTERVAL_MS) due.push(id);
      else if (!this.trailing.has(id)) this.trailing.set(id, this.nudgeLater(workspaceId, id, last + NOTIFY_INTERVAL_MS - now));
    }
    if (due.length === 0) return;
    for (const id of due) this.notifiedAt.set(id, now);
    if (this.notifiedAt.size > 10_000) this.notifiedAt.clear();
    void this.enqueue(workspaceId, due).catch((error: unknown) => {
      this.logger.warn({ err: error, connectorIds: due }, 'Could not enqueue delivery; the sweeper will pick it up');
    });
  }

  onModuleDestroy(): void {
    for (const timer of this.trailing.values()) clearTimeout(timer);
    this.trailing.clear();
  }

  private nudgeLater(workspaceId: string, connectorId: string, delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.trailing.delete(connectorId);
      this.notify(workspaceId, [connectorId]);
    }, delayMs);
    // A pending nudge never keeps a process alive: the sweeper would find the rows anyway.
    timer.unref();
    return timer;
  }

  private async enqueue(workspaceId: string, connectorIds: string[]): Promise<void> {
    const client = await this.queue.client;
    // A disconnected client would buffer commands in memory without bound while Redis is away.
    if (client.status !== 'ready') throw new Error(`Redis connection is ${client.status}`);
    const parallel = this.config.delivery.parallelPerConnector;
    await this.queue.addBulk(connectorIds.flatMap((connectorId) => deliveryJobs(workspaceId, connectorId, parallel)));
  }
}
