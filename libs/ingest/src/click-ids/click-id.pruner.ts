import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DAY_MS, PeriodicTask } from '@app/core';
import { MAX_ATTRIBUTION_WINDOW_DAYS } from '@app/tenancy';
import { ClickIdsRepository } from './click-ids.repository';

// Rows per DELETE: small enough that one statement holds its row locks and writes its WAL for a
// few milliseconds beside the ingest writes (docs/benchmark.md measures it), large enough that a
// day of expired click ids goes within minutes.
export const PRUNE_BATCH_ROWS = 5_000;
const PRUNE_PAUSE_MS = 200;
const PRUNE_INTERVAL_MS = 10 * 60_000;

export interface PruneOptions {
  batchRows?: number;
  pauseMs?: number;
}

// Deletes click ids captured longer ago than the longest attribution window a workspace may set
// (no window restores them any more), in bounded batches with a pause between them.
@Injectable()
export class ClickIdPruner {
  constructor(private readonly clickIds: ClickIdsRepository) {}

  async pruneExpired(now = new Date(), { batchRows = PRUNE_BATCH_ROWS, pauseMs = PRUNE_PAUSE_MS }: PruneOptions = {}): Promise<number> {
    const before = new Date(now.getTime() - MAX_ATTRIBUTION_WINDOW_DAYS * DAY_MS);
    let total = 0;
    for (;;) {
      const deleted = await this.clickIds.pruneCapturedBefore(before, batchRows);
      total += deleted;
      if (deleted < batchRows) return total;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

// Runs in the worker: prunes every ten minutes, so each run has little to delete.
@Injectable()
export class ClickIdPruningScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClickIdPruningScheduler.name);
  private readonly task: PeriodicTask;

  constructor(pruner: ClickIdPruner) {
    this.task = new PeriodicTask(
      () =>
        pruner
          .pruneExpired()
          .then((deleted) => deleted > 0 && this.logger.log({ deleted }, 'Pruned expired click ids'))
          .catch((error: unknown) => this.logger.warn({ err: error }, 'Click id pruning failed; trying again at the next interval')),
      PRUNE_INTERVAL_MS,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
