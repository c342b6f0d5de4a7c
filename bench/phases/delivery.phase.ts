import { requestBody } from '../load/realistic-event';
import type { DeliveryRunResult } from '../report/bench-results';
import { CpuMeter } from '../support/cpu-meter';
import { expectStatus, requestJson, sleep } from '../support/http-json';
import { apiUrl as apiUrlOf, sandboxUrl as sandboxUrlOf } from '../tracklayer/start-tracklayer';
import { workerEnv } from '../tracklayer/tracklayer-env';
import type { IngestTarget } from '../tracklayer/tracklayer-setup';
import type { BenchContext } from './bench-context';
import { log } from './ingest-scenario';

const CREDENTIAL_CHECK_EVENT = 'TrackLayerCredentialCheck';
const POLL_INTERVAL_MS = 100;

interface SandboxRequests {
  requests: Array<{ code: number | null; eventCount: number }>;
}

export interface DeliveryOptions {
  // How the profile mode adds --cpu-prof to the worker.
  workerNodeArgs?: string[];
  // Connectors of the workspace: each event is one delivery per connector.
  connectors?: number;
  // Worker settings of this run only.
  workerEnv?: NodeJS.ProcessEnv;
}

// N accepted events for one fresh connector, ingested with no worker running; then `workers`
// worker processes start and the clock runs until the sandbox has received all N.
export async function runDeliveryPhase(ctx: BenchContext, workers: number, options: DeliveryOptions = {}): Promise<DeliveryRunResult> {
  if (!ctx.setup || !ctx.api || !ctx.sandbox) throw new Error('the delivery phase needs the TrackLayer phase first');
  const { events } = ctx.config.delivery;
  const connectors = options.connectors ?? 1;
  const tag = connectors === 1 ? `d${workers}` : `d${workers}c${connectors}`;
  const deliveries = events * connectors;
  log(`delivery: ${events} events, ${connectors} connector(s), ${workers} worker process${workers > 1 ? 'es' : ''}`);
  const target = await ctx.setup.ingestTarget(`delivery-${workers}w${connectors}c`);
  const targets = [target];
  for (let i = 1; i < connectors; i += 1) targets.push(await ctx.setup.addConnector(target, `delivery-${workers}w${connectors}c-${i + 1}`));
  const connectorIds = targets.map((t) => t.connectorId);
  const apiUrl = apiUrlOf(ctx);
  const sandboxUrl = sandboxUrlOf(ctx);

  const seedStarted = Date.now();
  await seed(ctx, apiUrl, target, tag);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const [pending] = await ctx.db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM deliveries WHERE connector_id = ANY($1::uuid[]) AND status = 'pending'`,
    [connectorIds],
  );
  if (pending.count !== deliveries) throw new Error(`expected ${deliveries} pending deliveries after seeding, found ${pending.count}`);

  // The connector's credential check already put one event on the pixel; count from here.
  const before = await deliveredToAll(sandboxUrl, targets);
  await ctx.settle();
  const meter = new CpuMeter(ctx.db, { api: [ctx.api.pid], sandbox: [ctx.sandbox.pid] });
  await meter.start();
  const started = Date.now();
  const processes = Array.from({ length: workers }, (_, index) =>
    ctx.children.start(`worker-${workers}w-${index + 1}`, ctx.paths.worker, { ...workerEnv(ctx.tracklayerEnv), ...options.workerEnv }, options.workerNodeArgs),
  );
  let firstAt: number | undefined;
  let firstCount = 0;
  let delivered = 0;
  const deadline = started + ctx.config.delivery.timeoutSeconds * 1000;
  while (delivered < deliveries) {
    for (const worker of processes) if (!worker.alive()) throw new Error(`${worker.name} exited (log: ${worker.logFile})`);
    if (Date.now() > deadline) throw new Error(`only ${delivered} of ${deliveries} deliveries reached the sandbox within ${ctx.config.delivery.timeoutSeconds} s`);
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
    `  ${workers} worker(s), ${connectors} connector(s): all ${deliveries} deliveries in the sandbox ${result.totalSeconds.toFixed(1)} s after start ` +
      `(first after ${result.firstDeliveryAfterSeconds.toFixed(1)} s), drain ${Math.round(result.drainEventsPerSecond)} deliveries/s, ` +
      `${result.platformRequests} TikTok requests of ${Math.round(result.averagePlatformLatencyMs)} ms on average; cores used: ` +
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

async function deliveredToAll(sandboxUrl: string, targets: IngestTarget[]): Promise<{ events: number; requests: number }> {
  const each = await Promise.all(targets.map((t) => deliveredToSandbox(sandboxUrl, t.pixelCode)));
  return { events: each.reduce((sum, e) => sum + e.events, 0), requests: each.reduce((sum, e) => sum + e.requests, 0) };
}

// The sandbox's request log is small (one record per TikTok request), unlike its event log.
async function deliveredToSandbox(sandboxUrl: string, pixelCode: string): Promise<{ events: number; requests: number }> {
  const body = await expectStatus<SandboxRequests>(
    'sandbox requests',
    200,
    requestJson('GET', `${sandboxUrl}/sandbox/requests?pixelCode=${encodeURIComponent(pixelCode)}`),
  );
  const ok = body.requests.filter((request) => request.code === 0);
  return { events: ok.reduce((sum, request) => sum + request.eventCount, 0), requests: ok.length };
}

interface SandboxEvents {
  events: Array<{ event: { event?: string; event_id?: string } }>;
}

// Nothing lost, nothing sent twice: every delivery row delivered, and the sandbox holds each
// seeded event_id exactly once.
async function checkDelivered(ctx: BenchContext, target: IngestTarget, name: string, tag: string, sandboxUrl: string): Promise<void> {
  const { events: expected, seedBatchSize } = ctx.config.delivery;
  const statuses = await ctx.db.query<{ status: string; count: number }>(
    'SELECT status, count(*)::int AS count FROM deliveries WHERE connector_id = $1 GROUP BY status',
    [target.connectorId],
  );
  const delivered = statuses.find((row) => row.status === 'delivered')?.count ?? 0;
  const total = statuses.reduce((sum, row) => sum + row.count, 0);
  ctx.results.integrity.push({
    name: `delivery ${name}: deliveries all 'delivered'`,
    ok: delivered === expected && total === expected,
    detail: statuses.map((row) => `${row.count} ${row.status}`).join(', ') || 'no deliveries',
  });

  const log = await expectStatus<SandboxEvents>(
    'sandbox events',
    200,
    requestJson('GET', `${sandboxUrl}/sandbox/events?pixelCode=${encodeURIComponent(target.pixelCode)}`),
  );
  const ids = log.events.filter((received) => received.event.event !== CREDENTIAL_CHECK_EVENT).map((received) => received.event.event_id ?? '');
  const distinct = new Set(ids);
  const expectedIds = (id: string) => {
    const [idTag, request, index] = id.split('-');
    return idTag === tag && Number(request) * seedBatchSize + Number(index) < expected && Number(index) < seedBatchSize;
  };
  const unexpected = [...distinct].filter((id) => !expectedIds(id)).length;
  ctx.results.integrity.push({
    name: `delivery ${name}: sandbox has each event exactly once`,
    ok: ids.length === expected && distinct.size === expected && unexpected === 0,
    detail: `${ids.length} received, ${distinct.size} distinct event_ids, ${unexpected} unexpected, expected ${expected}`,
  });
}
