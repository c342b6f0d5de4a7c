import { Injectable } from '@nestjs/common';
import { Database, WorkspaceId } from '@app/core';
import { MetricsRepository } from './metrics.repository';

// How long the folded counters (metric_counts, every granularity) are kept: a year and the same
// month of the year before, for year-on-year reports.
export const METRIC_ROLLUP_RETENTION_MONTHS = 13;

// Folds the increments recorded by ingest and delivery transactions into metric_counts, in one
// transaction (MetricsRepository.rollUp). Reads roll up first, so the metrics API is exact to
// the last committed event; the worker also rolls up every second to keep the log short.
@Injectable()
export class MetricsRollup {
  constructor(
    private readonly db: Database,
    private readonly metrics: MetricsRepository,
  ) {}

  // Returns how many increment rows were folded.
  rollUp(): Promise<number> {
    return this.db.transaction((tx) => this.metrics.rollUp(tx));
  }

  // One DELETE of at most `limit` of the workspace's counters past METRIC_ROLLUP_RETENTION_MONTHS;
  // returns the rows deleted. The worker's storage maintenance (libs/storage) runs it in batches.
  pruneExpired(workspaceId: WorkspaceId, limit: number): Promise<number> {
    return this.metrics.pruneCountsOlderThan(workspaceId, METRIC_ROLLUP_RETENTION_MONTHS, limit);
  }
}
