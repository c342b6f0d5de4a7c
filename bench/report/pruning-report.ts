import type { IngestRunResult, MaintenanceDuringRun } from './bench-results';

// Proof that the run measured ingest beside real pruning: the rows the job deleted while the
// run was measured, what was left at its end (rows left: it was still pruning when the run
// stopped) and what the job itself cost, which the run's api + Postgres figures leave out.
export function maintenanceLine(run: IngestRunResult, m: MaintenanceDuringRun): string {
  const wall = run.cpu.wallSeconds;
  const tables = Object.keys(m.backlog);
  const count = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
  const pruned = tables
    .map((table) => `${table} ${count(m.prunedDuringRun[table])} of ${count(m.backlog[table])} (${count(m.prunedBeforeRun[table])} before the run, ${count(m.leftAtEnd[table])} left)`)
    .join(', ');
  const events = run.eventsPerSecond * wall;
  const perEvent = events > 0 ? `${Math.round(((m.processSeconds + m.postgresSeconds) * 1e6) / events)} µs per ingested event` : '-';
  return (
    `Pruning during the measured run (storage maintenance every ${m.intervalMs} ms): expired rows deleted ${pruned}, ` +
    `${count(Math.round(totalOf(m.prunedDuringRun) / wall))} rows/s; ${stillPruning(m) ? 'still pruning at the end' : '**backlog gone before the end: pruning did not cover the whole run**'}; ` +
    `the job used ${(m.processSeconds / wall).toFixed(2)} cores and its Postgres backends ${(m.postgresSeconds / wall).toFixed(2)} (${perEvent}, not in the run's api + Postgres figures).`
  );
}

// Rows left to prune when the run ended: the job was busy the whole time the run was measured.
export function stillPruning(m: MaintenanceDuringRun): boolean {
  return totalOf(m.leftAtEnd) > 0;
}

function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
