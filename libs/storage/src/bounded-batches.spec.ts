import { inBoundedBatches } from './bounded-batches';

describe('inBoundedBatches', () => {
  // A table of `rows` rows that each batch deletes up to `limit` of.
  const table = (rows: number) => {
    const calls: number[] = [];
    let left = rows;
    const batch = (limit: number): Promise<number> => {
      const taken = Math.min(limit, left);
      left -= taken;
      calls.push(taken);
      return Promise.resolve(taken);
    };
    return { batch, calls, left: () => left };
  };

  it('deletes in batches of N until a batch takes fewer than N', async () => {
    const t = table(23);
    expect(await inBoundedBatches(t.batch, { batchSize: 10, pauseMs: 0 })).toBe(23);
    expect(t.calls).toEqual([10, 10, 3]);
  });

  it('stops after a full batch only when the next one finds nothing', async () => {
    const t = table(20);
    expect(await inBoundedBatches(t.batch, { batchSize: 10, pauseMs: 0 })).toBe(20);
    expect(t.calls).toEqual([10, 10, 0]);
  });

  it('runs at most maxBatches, leaving the rest for the next run', async () => {
    const t = table(100);
    expect(await inBoundedBatches(t.batch, { batchSize: 10, maxBatches: 3, pauseMs: 0 })).toBe(30);
    expect(t.left()).toBe(70);
  });

  it('yields to the event loop between batches', async () => {
    const order: string[] = [];
    const t = table(30);
    const run = inBoundedBatches(
      (limit) => {
        order.push('batch');
        return t.batch(limit);
      },
      { batchSize: 10, pauseMs: 0 },
    );
    setImmediate(() => order.push('other work'));
    await run;
    expect(order.indexOf('other work')).toBeGreaterThan(0);
    expect(order.indexOf('other work')).toBeLessThan(order.length - 1);
  });

  it('pauses pauseMs between batches, not before the first', async () => {
    jest.useFakeTimers();
    try {
      const t = table(25);
      const run = inBoundedBatches(t.batch, { batchSize: 10, pauseMs: 200 });
      await jest.advanceTimersByTimeAsync(0);
      expect(t.calls).toEqual([10]);
      await jest.advanceTimersByTimeAsync(199);
      expect(t.calls).toEqual([10]);
      await jest.advanceTimersByTimeAsync(1);
      expect(t.calls).toEqual([10, 10]);
      await jest.advanceTimersByTimeAsync(200);
      expect(await run).toBe(25);
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts no batch once shutdown aborted', async () => {
    const shutdown = new AbortController();
    const t = table(1_000);
    const run = inBoundedBatches(
      (limit) => {
        // Shutdown arrives during the second batch.
        if (t.calls.length === 1) shutdown.abort();
        return t.batch(limit);
      },
      { batchSize: 10, pauseMs: 0 },
      shutdown.signal,
    );
    expect(await run).toBe(20);
    expect(t.calls).toEqual([10, 10]);
  });

  it('ends a pause at once when shutdown aborts it', async () => {
    const shutdown = new AbortController();
    const t = table(1_000);
    const started = Date.now();
    setTimeout(() => shutdown.abort(), 20);
    expect(await inBoundedBatches(t.batch, { batchSize: 10, pauseMs: 60_000 }, shutdown.signal)).toBe(10);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does nothing when shutdown already aborted', async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const t = table(5);
    expect(await inBoundedBatches(t.batch, { batchSize: 10, pauseMs: 0 }, shutdown.signal)).toBe(0);
    expect(t.calls).toEqual([]);
  });

  it('lets a failing batch fail the call', async () => {
    await expect(inBoundedBatches(() => Promise.reject(new Error('lock timeout')), { batchSize: 10, pauseMs: 0 })).rejects.toThrow('lock timeout');
  });
});
