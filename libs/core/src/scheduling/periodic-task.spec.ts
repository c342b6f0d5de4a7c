import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs every interval, skips a tick while a run is still going, and stop waits for that run', async () => {
    let release!: () => void;
    let runs = 0;
    const task = new PeriodicTask(() => {
      runs += 1;
      return new Promise<void>((resolve) => (release = resolve));
    }, 100);
    task.start();
    jest.advanceTimersByTime(350);
    expect(runs).toBe(1);

    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    jest.advanceTimersByTime(500);
    expect(runs).toBe(1);
  });

  it('keeps running after a run fails', async () => {
    let runs = 0;
    const task = new PeriodicTask(async () => {
      runs += 1;
      throw new Error('boom');
    }, 100);
    task.start();
    jest.advanceTimersByTime(100);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    await task.stop();
  });
});
