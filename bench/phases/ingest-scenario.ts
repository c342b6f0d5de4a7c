import type { BenchConfig } from '../bench-config';
import { LoadOutcome, LoadSpec, runIngestLoad } from '../load/ingest-load';
import type { IngestMode, IngestRunResult, IngestSystem, MaintenanceDuringRun, PruningStage } from '../report/bench-results';
import type { BenchDatabase } from '../support/bench-database';
import type { BenchChild } from '../support/child-processes';
import { CpuMeter } from '../support/cpu-meter';
import { countersBetween, postgresCounters } from '../support/table-writes';

export interface ScenarioSpec {
  config: BenchConfig;
  db: BenchDatabase;
  system: IngestSystem;
  mode: IngestMode;
  server: BenchChild;
  baseUrl: string;
  headers: Record<string, string>;
  tag: string;
  format?: LoadSpec['format'];
  // Several processes behind `server` (an api cluster): whose CPU and memory the run counts.
  serverPids?: number[];
  serverPeakRss?: () => number | undefined;
  apiProcesses?: number;
  repeat?: number;
  pruning?: PruningStage;
  // The storage maintenance working beside the load ('during' runs): its process and Postgres
  // backends are counted apart, and its backlog is read as the measured run starts and ends.
  maintenance?: MaintenanceBeside;
}

export interface MaintenanceBeside {
  pid: number;
  intervalMs: number;
  backlog: Record<string, number>;
  // Expired rows still to delete, by table.
  expiredLeft(): Promise<Record<string, number>>;
}

export interface ScenarioRun {
  result: IngestRunResult;
  // Warm-up and measured loads: both stored events, both are checked.
  loads: LoadOutcome[];
}

// One measured scenario: a warm-up (JIT, connection pools, Postgres caches) whose numbers are
// discarded, then the timed run, both with the same shape of traffic.
export async function runIngestScenario(spec: ScenarioSpec): Promise<ScenarioRun> {
  const { config, server } = spec;
  const shape =
    spec.mode === 'single'
      ? { connections: config.single.connections, eventsPerRequest: 1 }
      : { connections: config.batch.connections, eventsPerRequest: config.batch.size };
  const common = { baseUrl: spec.baseUrl, headers: spec.headers, format: spec.format, ...shape };
  const countersBefore = await postgresCounters(spec.db);
  const warmup = await runIngestLoad({ ...common, durationSeconds: config.warmupSeconds, tag: `${spec.tag}w` });
  if (!server.alive()) throw new Error(`${server.name} exited during the warm-up (log: ${server.logFile})`);

  const maintenance = spec.maintenance;
  const meter = new CpuMeter(
    spec.db,
    { server: spec.serverPids ?? [server.pid], loadGenerator: [process.pid], ...(maintenance ? { maintenance: [maintenance.pid] } : {}) },
    maintenance ? { maintenance: maintenance.pid } : {},
  );
  const expiredAtStart = await maintenance?.expiredLeft();
  await meter.start();
  const load = await runIngestLoad({ ...common, durationSeconds: config.durationSeconds, tag: spec.tag });
  const cpu = await meter.stop();
  const expiredAtEnd = await maintenance?.expiredLeft();
  if (!server.alive()) throw new Error(`${server.name} exited during the run (log: ${server.logFile})`);
  // Warm-up and run together: both loads' rows, the counters cannot be split at the boundary.
  const counters = countersBetween(countersBefore, await postgresCounters(spec.db));

  const acceptedEvents = load.accepted.size * load.eventsPerRequest;
  const result: IngestRunResult = {
    system: spec.system,
    mode: spec.mode,
    ...(spec.apiProcesses === undefined ? {} : { apiProcesses: spec.apiProcesses }),
    ...(spec.repeat === undefined ? {} : { repeat: spec.repeat }),
    ...(spec.pruning === undefined ? {} : { pruning: spec.pruning }),
    ...(maintenance && expiredAtStart && expiredAtEnd
      ? { maintenance: maintenanceDuring(maintenance, expiredAtStart, expiredAtEnd, cpu.byRole.maintenance, cpu.postgresByRole.maintenance) }
      : {}),
    connections: load.connections,
    eventsPerRequest: load.eventsPerRequest,
    durationSeconds: load.durationSeconds,
    eventsPerSecond: load.eventsPerSecond,
    requestsPerSecond: load.requestsPerSecond,
    latencyMs: load.latencyMs,
    non2xx: load.non2xx,
    errors: load.errors,
    timeouts: load.timeouts,
    acceptedEvents,
    serverPeakRssBytes: spec.serverPeakRss ? spec.serverPeakRss() : server.peakRss(),
    cpu: {
      wallSeconds: cpu.wallSeconds,
      serverSeconds: cpu.byRole.server,
      loadGeneratorSeconds: cpu.byRole.loadGenerator,
      postgresSeconds: cpu.postgres,
      otherProcessesSeconds: cpu.others,
      stolenSeconds: cpu.stolen,
    },
    tableWrites: counters.tables,
    commits: counters.commits,
  };
  log(
    `  ${spec.system}${spec.apiProcesses ? ` x${spec.apiProcesses} processes` : ''} ${spec.mode}${spec.repeat ? ' again' : ''}: ${Math.round(result.eventsPerSecond)} events/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}; cores used: server ${(cpu.byRole.server / cpu.wallSeconds).toFixed(2)}, ` +
      `postgres ${(cpu.postgres / cpu.wallSeconds).toFixed(2)}, load generator ${(cpu.byRole.loadGenerator / cpu.wallSeconds).toFixed(2)}, ` +
      `other processes ${(cpu.others / cpu.wallSeconds).toFixed(2)}, stolen by the host ${(cpu.stolen / cpu.wallSeconds).toFixed(2)}` +
      (result.maintenance
        ? `; storage maintenance ${(result.maintenance.processSeconds / cpu.wallSeconds).toFixed(2)} + its Postgres ${(result.maintenance.postgresSeconds / cpu.wallSeconds).toFixed(2)}, ` +
          `pruned ${JSON.stringify(result.maintenance.prunedDuringRun)} during the run, left ${JSON.stringify(result.maintenance.leftAtEnd)}`
        : ''),
  );
  return { result, loads: [warmup, load] };
}

function maintenanceDuring(
  beside: MaintenanceBeside,
  atStart: Record<string, number>,
  atEnd: Record<string, number>,
  processSeconds: number,
  postgresSeconds: number,
): MaintenanceDuringRun {
  const prunedBeforeRun = Object.fromEntries(Object.entries(beside.backlog).map(([table, rows]) => [table, rows - (atStart[table] ?? 0)]));
  const prunedDuringRun = Object.fromEntries(Object.entries(atStart).map(([table, left]) => [table, left - (atEnd[table] ?? 0)]));
  return { intervalMs: beside.intervalMs, backlog: beside.backlog, prunedBeforeRun, prunedDuringRun, leftAtEnd: atEnd, processSeconds, postgresSeconds };
}

export function log(line: string): void {
  console.log(line);
}
