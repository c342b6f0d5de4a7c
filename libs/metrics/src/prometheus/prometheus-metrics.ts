import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/core';

// Process-wide Prometheus metrics. Labels never include a workspace id: that would create a time
// series per tenant; per-workspace figures live in the metrics API instead.
@Injectable()
export class PrometheusMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'tracklayer_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly ingestEvents = new Counter({
    name: 'tracklayer_ingest_events_total',
    help: 'Events received at /v1/ingest by outcome (accepted, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly ingestWriteFailures = new Counter({
    name: 'tracklayer_ingest_write_failures_total',
    help: 'Ingest transactions that failed, by kind (unavailable, references_gone, conflict, data, unknown)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly ingestWriteRetries = new Counter({
    name: 'tracklayer_ingest_write_retries_total',
    help: 'Extra ingest transactions after a failed one: a request retried alone, or a part of a split request',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });

  readonly deliveryEvents = new Counter({
    name: 'tracklayer_delivery_events_total',
    help: 'Events in platform requests by outcome (delivered, retry, rejected, failed, credentials_invalid) and platform code',
    labelNames: ['outcome', 'code'] as const,
    registers: [this.registry],
  });

  constructor(
    @InjectQueue(QueueName.Delivery) queue: Queue,
    dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tracklayer_' });
    new Gauge({
      name: 'tracklayer_delivery_queue_jobs',
      help: 'Delivery jobs in the queue by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed').catch(() => undefined);
        for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
      },
    });
    new Gauge({
      name: 'tracklayer_oldest_pending_delivery_seconds',
      help: 'Age of the oldest pending delivery, across all workspaces',
      registers: [this.registry],
      async collect() {
        const rows: Array<{ age: number | null }> = await dataSource
          .query(`SELECT extract(epoch FROM now() - min(created_at)) AS age FROM deliveries WHERE status = 'pending'`)
          .catch(() => [{ age: null }]);
        this.set(Number(rows[0]?.age ?? 0));
      },
    });
    new Gauge({
      name: 'tracklayer_pending_deliveries',
      help: 'Pending deliveries across all workspaces',
      registers: [this.registry],
      async collect() {
        const rows: Array<{ n: number }> = await dataSource
          .query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'`)
          .catch(() => [{ n: 0 }]);
        this.set(rows[0]?.n ?? 0);
      },
    });
  }
}
