import { againstRunsAround, serverAndPostgresCpuPerEvent } from './aba-comparison';
import { ingestRun } from './bench-run.fixture';

describe('againstRunsAround', () => {
  it('compares the tested run with the mean of the runs before and after it', () => {
    const ratios = againstRunsAround(ingestRun(900, 100), [ingestRun(1_100, 100), ingestRun(900, 100)]);
    expect(ratios.throughput).toBeCloseTo(0.9);
    expect(ratios.cpu).toBeCloseTo(1);
  });

  it('puts a dearer tested run under 1 by CPU', () => {
    // 2 x 125 µs against a mean of 2 x 100 µs.
    expect(againstRunsAround(ingestRun(1_000, 125), [ingestRun(1_000, 90), ingestRun(1_000, 110)]).cpu).toBeCloseTo(0.8);
  });

  it('works with the run before only', () => {
    expect(againstRunsAround(ingestRun(500, 100), [ingestRun(1_000, 100)]).throughput).toBeCloseTo(0.5);
  });

  it('refuses a comparison with nothing to compare against', () => {
    expect(() => againstRunsAround(ingestRun(1, 1), [])).toThrow('at least one run');
  });
});

describe('serverAndPostgresCpuPerEvent', () => {
  it('adds the api and Postgres CPU and divides by the events of the measured run', () => {
    expect(serverAndPostgresCpuPerEvent(ingestRun(1_000, 50))).toBeCloseTo(100e-6);
  });

  it('is infinite for a run that accepted nothing', () => {
    expect(serverAndPostgresCpuPerEvent(ingestRun(0, 50))).toBe(Infinity);
  });
});
