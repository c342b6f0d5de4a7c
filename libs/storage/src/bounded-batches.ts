export interface BatchLimits {
  // Rows per statement: each one holds its row locks and writes its WAL briefly, beside ingest.
  batchSize: number;
  // Statements per call at most, so one table (or one workspace's backlog) cannot hold the run;
  // what is left waits for the next run. Unbounded when absent.
  maxBatches?: number;
  // Pause between statements; 0 still yields to the event loop once.
  pauseMs: number;
}

// Runs `batch(limit)` (one bounded statement that returns the rows it took) until a batch takes
// fewer than `limit` rows, `maxBatches` ran, or `signal` aborted (shutdown: no batch starts after
// it and a pause ends at once). Returns the rows taken in all.
export async function inBoundedBatches(batch: (limit: number) => Promise<number>, limits: BatchLimits, signal?: AbortSignal): Promise<number> {
  const { batchSize, maxBatches = Infinity, pauseMs } = limits;
  let total = 0;
  for (let done = 0; done < maxBatches && !signal?.aborted; done++) {
    if (done > 0) await pause(pauseMs, signal);
    if (signal?.aborted) break;
    const taken = await batch(batchSize);
    total += taken;
    if (taken < batchSize) break;
  }
  return total;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
