import { Injectable } from '@nestjs/common';
import { CombinedStatement, Transaction, WorkspaceId } from '@app/core';
import { MetricIncrement, NO_CONNECTOR } from './metric-names';
import { MetricsRepository, StoredIncrement } from './metrics.repository';

// Records increments inside the caller's transaction (the counts commit or roll back with what
// they count) as ONE plain row in metric_increments: no upsert on counter rows that every
// concurrent ingest transaction would share. MetricsRollup folds the rows into metric_counts.
@Injectable()
export class MetricsRecorder {
  constructor(private readonly metrics: MetricsRepository) {}

  async record(tx: Transaction, workspaceId: WorkspaceId, at: Date, increments: MetricIncrement[]): Promise<void> {
    const statement = new CombinedStatement(workspaceId);
    this.addRecord(statement, at, increments);
    await statement.run(tx);
  }

  addRecord(statement: CombinedStatement, at: Date, increments: MetricIncrement[]): void {
    const merged = mergeIncrements(increments);
    if (merged.length > 0) this.metrics.addIncrements(statement, at, merged);
  }
}

export function mergeIncrements(increments: MetricIncrement[]): StoredIncrement[] {
  const merged = new Map<string, StoredIncrement>();
  for (const increment of increments) {
    if (increment.value === 0) continue;
    const row = { c: increment.connectorId ?? NO_CONNECTOR, m: increment.metric, d1: increment.dim1 ?? '', d2: increment.dim2 ?? '', v: increment.value };
    const key = `${row.c}|${row.m}|${row.d1}|${row.d2}`;
    const existing = merged.get(key);
    if (existing) existing.v += row.v;
    else merged.set(key, row);
  }
  return [...merged.values()];
}
