import { checkDeliveredEvents } from '../checks/delivered-events.check';
import { owedDeliveries } from '../support/owed-deliveries';
import { requestBody } from '../load/realistic-event';
import { BenchPlatform, DeliveryRunResult, PLATFORM_NAMES } from '../report/bench-results';
import { CpuMeter } from '../support/cpu-meter';
import { expectStatus, requestJson, sleep } from '../support/http-json';
import { sandboxDeliveries, sandboxEventIds } from '../tracklayer/sandbox-log';
import { apiUrl as apiUrlOf, sandboxUrl as sandboxUrlOf } from '../tracklayer/start-tracklayer';
import { workerEnv } from '../tracklayer/tracklayer-env';
import type { IngestTarget } from '../tracklayer/tracklayer-setup';
import type { BenchContext } from './bench-context';
import { log } from './ingest-scenario';

const POLL_INTERVAL_MS = 100;

export interface DeliveryOptions {
  // How the profile mode adds --cpu-prof to the worker.
  workerNodeArgs?: string[];
  // Connectors of the workspace: each event is one delivery per connector.
  connectors?: number;
  // Worker settings of this run only.
  workerEnv?: NodeJS.ProcessEnv;
  // The connectors' platform: TikTok unless said (the sandbox answers as both).
  platform?: BenchPlatform;
}

// N accepted events for one fresh connector, ingested with no worker running; then `workers`
// worker processes start and the clock runs until the platform's sandbox has received all N.
export async function runDeliveryPhase(ctx: BenchContext, workers: number, options: DeliveryOptions = {}): Promise<DeliveryRunResult> {
  if (!ctx.setup || !ctx.api || !ctx.sandbox) throw new Error('the delivery phase needs the TrackLayer phase first');
  const { events } = ctx.config.delivery;
  const connectors = options.connectors ?? 1;
  const platform = options.platform ?? 'tiktok';
  const platformName = PLATFORM_NAMES[platform];
  // The tag starts every seeded event id: `d` for TikTok runs (as before Meta came), `m` for Meta.
  const tag = `${platform === 'meta' ? 'm' : 'd'}${workers}${connectors === 1 ? '' : `c${connectors}`}`;
  const deliveries = events * connectors;
  log(`delivery: ${events} events, ${connectors} ${platformName} connector(s), ${workers} worker process${workers > 1 ? 'es' : ''}`);
  const name = `delivery-${platform}-${workers}w${connectors}c`;
  const target = await ctx.setup.ingestTarget(name, platform);
  const targets = [target];
  for (let i = 1; i < connectors; i += 1) targets.push(await ctx.setup.addConnector(target, `${name}-${i + 1}`, platform));
  const connectorIds = targets.map((t) => t.connectorId);
  const apiUrl = apiUrlOf(ctx);
  const sandboxUrl = sandboxUrlOf(ctx);

  await rollUpEarlierCounters(ctx);
  const seedStarted = Date.now();
  await seed(ctx, apiUrl, target, tag);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  // Owed through the cursors, no row yet: the workers' clock includes writing the rows.
  const owed = await owedDeliveries(ctx.db, target.workspaceId, connectorIds);
  if (owed.beyondCursor !== deliveries || owed.rows !== 0) {
    throw new Error(`expected ${deliveries} deliveries owed after seeding (beyond the cursors, no rows), found ${JSON.stringify(owed)}`);
  }

  // TikTok's credential check already put one event on the pixel; count from here.
  const before = await deliveredToAll(sandboxUrl, targets);
  await ctx.settle();
  const meter = new CpuMeter(ctx.db, { api: [ctx.api.pid], sandbox: [ctx.sandbox.pid] });
  await meter.start();
  const started = Date.now();
  const processes = Array.from({ length: workers }, (_, index) =>
    ctx.children.start(`worker-${platform}-${workers}w-${index + 1}`, ctx.paths.worker, { ...workerEnv(ctx.tracklayerEnv), ...options.workerEnv }, options.workerNodeArgs),
  );
  let firstAt: number | undefined;
  let firstCount = 0;
  let delivered = 0;
  const deadline = started + ctx.config.delivery.timeoutSeconds * 1000;
  while (delivered < deliveries) {
    for (const worker of processes) if (!worker.alive()) throw new Error(`${worker.name} exited (log: ${worker.logFile})`);
    if (Date.now() > deadline) throw new Error(`only ${delivered} of ${deliveries} deliveries reached the ${platformName} sandbox within ${ctx.config.delivery.timeoutSeconds} s`);
    await sleep(POLL_INTERVAL_MS);
    const now = await deliveredToAll(sandboxUrl, targets);
    delivered = now.events - before.events;
    if (firstAt === undefined && delivered > 0) {
      firstAt = Date.now();
      firstCount = delivered;
    }
  }
  const doneAt = Date.now();
  // The sandbox answers before the worker commits: wait for the rows to say 'delivered' too, so
  // stopping the workers cannot roll back a batch that was already sent.
  const settledAt = await waitForDeliveredRows(ctx, connectorIds, deliveries, deadline);
  const after = await deliveredToAll(sandboxUrl, targets);
  const workerPeakRssBytes = processes.map((worker) => worker.peakRss() ?? 0);
  const cpu = await meter.stop();
  // Workers started inside the interval: their whole CPU time belongs to it.
  const workerCpuSeconds = processes.map((worker) => worker.cpuSeconds() ?? 0);
  const workerSeconds = workerCpuSeconds.reduce((a, b) => a + b, 0);
  await Promise.all(processes.map((worker) => worker.stop()));
  const [latency] = await ctx.db.query<{ average: number }>(
    'SELECT coalesce(avg(latency_ms), 0)::float8 AS average FROM delivery_logs WHERE connector_id = ANY($1::uuid[])',
    [connectorIds],
  );

  const drainSeconds = (doneAt - (firstAt ?? started)) / 1000;
  const result: DeliveryRunResult = {
    platform,
    workers,
    connectors,
    events,
    deliveries,
    seedSeconds,
    seedEventsPerSecond: events / seedSeconds,
    totalSeconds: (doneAt - started) / 1000,
    drainSeconds,
    // The first poll that saw deliveries already counted `firstCount` of them.
    drainEventsPerSecond: drainSeconds > 0 ? (deliveries - firstCount) / drainSeconds : deliveries,
    firstDeliveryAfterSeconds: ((firstAt ?? doneAt) - started) / 1000,
    allMarkedDeliveredSeconds: (settledAt - started) / 1000,
    platformRequests: after.requests - before.requests,
    averagePlatformLatencyMs: latency.average,
    workerPeakRssBytes,
    workerCpuSeconds,
    cpu: {
      wallSeconds: cpu.wallSeconds,
      workerSeconds,
      sandboxSeconds: cpu.byRole.sandbox,
      apiSeconds: cpu.byRole.api,
      postgresSeconds: cpu.postgres,
      otherProcessesSeconds: Math.max(0, cpu.others - workerSeconds),
    },
  };
  ctx.results.delivery.push(result);
  log(
    `  ${workers} worker(s), ${connectors} ${platformName} connector(s): all ${deliveries} deliveries in the sandbox ${result.totalSeconds.toFixed(1)} s after start ` +
      `(first after ${result.firstDeliveryAfterSeconds.toFixed(1)} s), drain ${Math.round(result.drainEventsPerSecond)} deliveries/s, ` +
      `${result.platformRequests} ${platformName} requests of ${Math.round(result.averagePlatformLatencyMs)} ms on average; cores used: ` +
      `worker(s) ${workerCpuSeconds.map((seconds) => (seconds / cpu.wallSeconds).toFixed(2)).join(' + ')}, sandbox ${(cpu.byRole.sandbox / cpu.wallSeconds).toFixed(2)}, ` +
      `postgres ${(cpu.postgres / cpu.wallSeconds).toFixed(2)}, other processes ${(result.cpu.otherProcessesSeconds / cpu.wallSeconds).toFixed(2)}`,
  );
  for (const [i, t] of targets.entries()) ctx.deferredChecks.push(() => checkDelivered(ctx, t, connectors === 1 ? tag : `${tag}#${i + 1}`, tag, sandboxUrl));
  return result;
}

async function waitForDeliveredRows(ctx: BenchContext, connectorIds: string[], events: number, deadline: number): Promise<number> {
  for (;;) {
    const [row] = await ctx.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM deliveries WHERE connector_id = ANY($1::uuid[]) AND status = 'delivered'`,
      [connectorIds],
    );
    if (row.count >= events) return Date.now();
    if (Date.now() > deadline) throw new Error(`only ${row.count} of ${events} deliveries were marked delivered in time`);
    await sleep(POLL_INTERVAL_MS);
  }
}

// Batches of 500 through the public ingest endpoint, a few requests at a time.
async function seed(ctx: BenchContext, apiUrl: string, target: IngestTarget, tag: string): Promise<void> {
  const { events, seedBatchSize, seedConcurrency } = ctx.config.delivery;
  const requests = Math.ceil(events / seedBatchSize);
  const eventTime = Math.floor(Date.now() / 1000);
  let next = 0;
  const sender = async () => {
    while (next < requests) {
      const number = next++;
      const size = Math.min(seedBatchSize, events - number * seedBatchSize);
      const body = await expectStatus<{ accepted: number }>(
        `seed request ${number}`,
        202,
        requestJson('POST', `${apiUrl}/v1/ingest`, requestBody(tag, number, size, eventTime), { authorization: `Bearer ${target.ingestKey}` }),
      );
      if (body.accepted !== size) throw new Error(`seed request ${number}: ${body.accepted} of ${size} events accepted`);
    }
  };
  await Promise.all(Array.from({ length: seedConcurrency }, sender));
}

// The metric counters earlier phases wrote (one row per ingest transaction, hundreds of thousands
// after the ingest runs) are rolled up by the first worker that starts. Left to the measured
// workers, that roll-up (about 0.4 s of Postgres a run, and the advisory lock the workers share
// for it) counted against delivery: it is ingest's deferred work, done here by a worker of its own
// before the clock starts. No connector owes anything at this point, so that worker sends nothing.
async function rollUpEarlierCounters(ctx: BenchContext): Promise<void> {
  const pending = async () => (await ctx.db.query<{ count: number }>('SELECT count(*)::int AS count FROM metric_increments'))[0].count;
  if ((await pending()) === 0) return;
  const worker = ctx.children.start('worker-metrics-rollup', ctx.paths.worker, workerEnv(ctx.tracklayerEnv));
  try {
    const deadline = Date.now() + 60_000;
    while ((await pending()) > 0) {
      if (!worker.alive()) throw new Error(`${worker.name} exited (log: ${worker.logFile})`);
      if (Date.now() > deadline) throw new Error('the metric counters of the earlier phases were not rolled up within 60 s');
      await sleep(POLL_INTERVAL_MS);
    }
  } finally {
    await worker.stop();
  }
}

async function deliveredToAll(sandboxUrl: string, targets: IngestTarget[]): Promise<{ events: number; requests: number }> {
  const each = await Promise.all(targets.map((t) => sandboxDeliveries(sandboxUrl, t)));
  return { events: each.reduce((sum, e) => sum + e.events, 0), requests: each.reduce((sum, e) => sum + e.requests, 0) };
}

// The counts in Postgres and in the platform's sandbox log for one connector (checks/delivered-events.check.ts).
async function checkDelivered(ctx: BenchContext, target: IngestTarget, name: string, tag: string, sandboxUrl: string): Promise<void> {
  const { events: expected, seedBatchSize } = ctx.config.delivery;
  const statuses = await ctx.db.query<{ status: string; count: number }>(
    'SELECT status, count(*)::int AS count FROM deliveries WHERE connector_id = $1 GROUP BY status',
    [target.connectorId],
  );
  const ids = await sandboxEventIds(sandboxUrl, target);
  ctx.results.integrity.push(...checkDeliveredEvents({ name, platform: target.platform, tag, expected, seedBatchSize, statuses, sandboxEventIds: ids }));
}
