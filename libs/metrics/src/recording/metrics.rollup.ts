import { Injectable } from '@nestjs/common';
import { Database } from '@app/core';
import { MetricsRepository } from './metrics.repository';

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
}
