import type { IngestRunResult } from './bench-results';

export interface AbaRatios {
  // The tested run's events/s over the mean of the runs around it.
  throughput: number;
  // The mean api + Postgres CPU an event cost in the runs around it over the tested run's: above
  // 1 the tested run was cheaper. Another engineer's load moves this far less than throughput.
  cpu: number;
}

// CPU seconds the server and Postgres spent per accepted event during the measured run.
export function serverAndPostgresCpuPerEvent(run: IngestRunResult): number {
  const events = run.eventsPerSecond * run.cpu.wallSeconds;
  return events > 0 ? (run.cpu.serverSeconds + run.cpu.postgresSeconds) / events : Infinity;
}

// A-B-A: every run writes into the same tables, so a later run pays for a bigger database and
// more autovacuum. A run compared with the mean of the runs before and after it (both of the same
// load, `around`) has that drift cancelled.
export function againstRunsAround(tested: IngestRunResult, around: IngestRunResult[]): AbaRatios {
  if (around.length === 0) throw new Error('an A-B-A comparison needs at least one run around the tested one');
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    throughput: tested.eventsPerSecond / mean(around.map((run) => run.eventsPerSecond)),
    cpu: mean(around.map(serverAndPostgresCpuPerEvent)) / serverAndPostgresCpuPerEvent(tested),
  };
}
