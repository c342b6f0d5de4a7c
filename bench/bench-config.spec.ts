import { BENCH_PHASES, loadBenchConfig } from './bench-config';

describe('loadBenchConfig, BENCH_PHASES', () => {
  it('runs every phase by default, as a publishable run', () => {
    const config = loadBenchConfig({});
    expect(config.phases).toEqual([...BENCH_PHASES]);
    expect(config.customised).toBe(false);
  });

  it('runs the phases named, in the bench order, as a customised run', () => {
    const config = loadBenchConfig({ BENCH_PHASES: 'pruning, ingest' });
    expect(config.phases).toEqual(['ingest', 'pruning']);
    expect(config.customised).toBe(true);
  });

  it('refuses a phase it does not know', () => {
    expect(() => loadBenchConfig({ BENCH_PHASES: 'ingest,prune' })).toThrow('BENCH_PHASES takes baseline, ingest, cluster, pruning, delivery (got "prune")');
  });
});
