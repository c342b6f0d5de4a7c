import type { MaintenanceDuringRun } from './bench-results';
import { ingestRun } from './bench-run.fixture';
import { maintenanceLine, stillPruning } from './pruning-report';
import { evaluateTargets } from './targets';

const maintenance = (left: Record<string, number>): MaintenanceDuringRun => ({
  intervalMs: 1_000,
  backlog: { event_dedup: 500_000, click_ids: 300_000 },
  prunedBeforeRun: { event_dedup: 400_000, click_ids: 20_000 },
  prunedDuringRun: { event_dedup: 100_000, click_ids: 200_000 - (left.click_ids ?? 0) },
  leftAtEnd: left,
  processSeconds: 0.5,
  postgresSeconds: 2,
});

describe('stillPruning', () => {
  it('is true while expired rows were left at the end of the run', () => {
    expect(stillPruning(maintenance({ event_dedup: 0, click_ids: 80_000 }))).toBe(true);
    expect(stillPruning(maintenance({ event_dedup: 0, click_ids: 0 }))).toBe(false);
  });
});

describe('maintenanceLine', () => {
  it('says what was pruned before and during the run, what was left and what the job cost', () => {
    const m = maintenance({ event_dedup: 0, click_ids: 80_000 });
    const line = maintenanceLine(ingestRun(1_000, 100, { pruning: 'during', maintenance: m }), m);
    expect(line).toContain('event_dedup 100,000 of 500,000 (400,000 before the run, 0 left)');
    expect(line).toContain('click_ids 120,000 of 300,000 (20,000 before the run, 80,000 left)');
    expect(line).toContain('22,000 rows/s; still pruning at the end');
    // 2.5 CPU seconds over 10,000 events.
    expect(line).toContain('the job used 0.05 cores and its Postgres backends 0.20 (250 µs per ingested event');
  });

  it('warns when the backlog ran out during the run', () => {
    const m = maintenance({ event_dedup: 0, click_ids: 0 });
    expect(maintenanceLine(ingestRun(1_000, 100), m)).toContain('backlog gone before the end');
  });
});

describe('evaluateTargets, pruning', () => {
  const results = (during: ReturnType<typeof ingestRun>) => ({
    date: '',
    revision: '',
    totalSeconds: 0,
    machine: { cpus: 2, cpuModel: '', totalMemoryBytes: 0, node: '', os: '', postgres: '', redis: '', loadAverageAtStart: [], loadAverageAtEnd: [] },
    settings: {},
    ingest: [ingestRun(1_100, 100, { pruning: 'before' }), during, ingestRun(900, 100, { pruning: 'after' })],
    delivery: [],
    peakRssBytes: {},
    apiMemory: {},
    storedEvents: [],
    integrity: [],
    targets: [],
  });
  const check = (name: string, during: ReturnType<typeof ingestRun>) => evaluateTargets(results(during)).find((t) => t.name.startsWith(name));

  it('compares the run while pruning with the mean of the runs before and after, by throughput and by CPU', () => {
    const during = ingestRun(950, 110, { pruning: 'during', maintenance: maintenance({ click_ids: 1 }) });
    expect(check('batch ingest while pruning vs not (mean', during)).toMatchObject({ measured: '0.95x', met: true });
    expect(check('batch ingest while pruning vs not, by api + Postgres CPU', during)).toMatchObject({ measured: '0.91x', met: true });
    expect(check('the storage maintenance pruned through', during)).toMatchObject({ met: true });
  });

  it('misses the goal under 0.9x', () => {
    const during = ingestRun(850, 125, { pruning: 'during', maintenance: maintenance({ click_ids: 1 }) });
    expect(check('batch ingest while pruning vs not (mean', during)).toMatchObject({ measured: '0.85x', met: false });
    expect(check('batch ingest while pruning vs not, by api + Postgres CPU', during)).toMatchObject({ measured: '0.80x', met: false });
  });

  it('does not count a run whose backlog ran out as a run beside pruning', () => {
    const during = ingestRun(1_000, 100, { pruning: 'during', maintenance: maintenance({ click_ids: 0 }) });
    expect(check('the storage maintenance pruned through', during)).toMatchObject({ measured: '300,000 deleted, none left', met: false });
  });

  it('keeps the pruning runs out of the other targets', () => {
    const during = ingestRun(1_000, 100, { pruning: 'during', maintenance: maintenance({ click_ids: 1 }) });
    expect(evaluateTargets(results(during)).some((t) => t.name.startsWith('batch ingest vs baseline') || t.name.startsWith('Segment'))).toBe(false);
  });
});
