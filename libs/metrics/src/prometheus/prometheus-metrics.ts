import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Database, probeWithin, QueueName } from '@app/core';
import { DeliveriesRepository } from '@app/platforms';

const SCRAPE_READ_TIMEOUT_MS = 1500;

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

  readonly deliveryRequests = new Counter({
    name: 'tracklayer_delivery_requests_total',
    help: 'Requests sent to platforms, counted when their attempt is recorded (before they leave)',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly deliverySentEvents = new Counter({
    name: 'tracklayer_delivery_sent_events_total',
    help: 'Events in requests sent to platforms; resent="true" for events of an in-doubt attempt sent again',
    labelNames: ['platform', 'resent'] as const,
    registers: [this.registry],
  });

  private readonly logger = new Logger(PrometheusMetrics.name);

  constructor(
    @InjectQueue(QueueName.Delivery) queue: Queue,
    database: Database,
    deliveries: DeliveriesRepository,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tracklayer_' });
    // A figure that could not be read is NaN, with its dependency reported down, never a
    // plausible 0 ("nothing pending") while Postgres is unreachable.
    const read = async <T>(dependency: Dependency, probe: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await probeWithin(probe, SCRAPE_READ_TIMEOUT_MS);
      } catch (error) {
        this.logger.warn({ err: error, dependency }, 'Metrics scrape could not read a dependency');
        return undefined;
      }
    };
    const probes: Record<Dependency, () => Promise<unknown>> = {
      postgres: () => database.one('SELECT 1'),
      redis: () => queue.getJobCounts('waiting'),
    };
    new Gauge({
      name: 'tracklayer_dependency_up',
      help: 'Whether this scrape could reach the dependency (1) or not (0)',
      labelNames: ['dependency'] as const,
      registers: [this.registry],
      async collect() {
        const dependencies = Object.keys(probes) as Dependency[];
        const answers = await Promise.all(dependencies.map((dependency) => read(dependency, probes[dependency])));
        dependencies.forEach((dependency, i) => this.set({ dependency }, answers[i] === undefined ? 0 : 1));
      },
    });
    new Gauge({
      name: 'tracklayer_delivery_queue_jobs',
      help: 'Delivery jobs in the queue by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await read('redis', () => queue.getJobCounts(...QUEUE_STATES));
        for (const state of QUEUE_STATES) this.set({ state }, counts?.[state] ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'tracklayer_oldest_pending_delivery_seconds',
      help: 'Age of the oldest pending delivery, across all workspaces',
      registers: [this.registry],
      async collect() {
        const pending = await read('postgres', () => deliveries.pendingAcrossWorkspaces());
        this.set(pending === undefined ? Number.NaN : pending.oldestSeconds);
      },
    });
    new Gauge({
      name: 'tracklayer_pending_deliveries',
      help: 'Pending deliveries across all workspaces',
      registers: [this.registry],
      async collect() {
        const pending = await read('postgres', () => deliveries.pendingAcrossWorkspaces());
        this.set(pending === undefined ? Number.NaN : pending.pending);
      },
    });
  }
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
type Dependency = 'postgres' | 'redis';
