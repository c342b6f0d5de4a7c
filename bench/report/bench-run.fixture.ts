import type { IngestRunResult } from './bench-results';

// An ingest run of `eventsPerSecond` over 10 s whose api and Postgres each spent `cpuPerEventUs`
// of CPU per event: the numbers the report helpers compare.
export function ingestRun(eventsPerSecond: number, cpuPerEventUs: number, extra: Partial<IngestRunResult> = {}): IngestRunResult {
  const wallSeconds = 10;
  const cpuSeconds = (eventsPerSecond * wallSeconds * cpuPerEventUs) / 1e6;
  return {
    system: 'tracklayer',
    mode: 'batch',
    connections: 10,
    eventsPerRequest: 100,
    durationSeconds: wallSeconds,
    eventsPerSecond,
    requestsPerSecond: eventsPerSecond / 100,
    latencyMs: { p50: 1, p90: 1, p99: 1, max: 1 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    acceptedEvents: eventsPerSecond * wallSeconds,
    cpu: { wallSeconds, serverSeconds: cpuSeconds, loadGeneratorSeconds: 0, postgresSeconds: cpuSeconds, otherProcessesSeconds: 0 },
    tableWrites: {},
    commits: 0,
    ...extra,
  };
}
