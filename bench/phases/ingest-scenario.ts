import type { BenchConfig } from '../bench-config';
import { LoadOutcome, LoadSpec, runIngestLoad } from '../load/ingest-load';
import type { IngestMode, IngestRunResult, IngestSystem } from '../report/bench-results';
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

  const meter = new CpuMeter(spec.db, { server: spec.serverPids ?? [server.pid], loadGenerator: [process.pid] });
  await meter.start();
  const load = await runIngestLoad({ ...common, durationSeconds: config.durationSeconds, tag: spec.tag });
  const cpu = await meter.stop();
  if (!server.alive()) throw new Error(`${server.name} exited during the run (log: ${server.logFile})`);
  // Warm-up and run together: both loads' rows, the counters cannot be split at the boundary.
  const counters = countersBetween(countersBefore, await postgresCounters(spec.db));

  const acceptedEvents = load.accepted.size * load.eventsPerRequest;
  const result: IngestRunResult = {
    system: spec.system,
    mode: spec.mode,
    ...(spec.apiProcesses === undefined ? {} : { apiProcesses: spec.apiProcesses }),
    ...(spec.repeat === undefined ? {} : { repeat: spec.repeat }),
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
      `other processes ${(cpu.others / cpu.wallSeconds).toFixed(2)}, stolen by the host ${(cpu.stolen / cpu.wallSeconds).toFixed(2)}`,
  );
  return { result, loads: [warmup, load] };
}

export function log(line: string): void {
  console.log(line);
}
