import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CombinedStatement, pgSessionOf } from '@app/core';
import { MetricIncrement, NO_CONNECTOR } from './metric-names';

// One increment as stored in metric_increments.increments (short keys: one row per transaction).
export interface StoredIncrement {
  c: string;
  m: string;
  d1: string;
  d2: string;
  v: number;
}

// Records increments inside the caller's transaction (the counts commit or roll back with what
// they count) as ONE plain row in metric_increments: no upsert on counter rows that every
// concurrent ingest transaction would share. MetricsRollup folds the rows into metric_counts.
@Injectable()
export class MetricsRecorder {
  async record(manager: EntityManager, workspaceId: string, at: Date, increments: MetricIncrement[]): Promise<void> {
    const statement = new CombinedStatement();
    this.addRecord(statement, workspaceId, at, increments);
    await statement.run(await pgSessionOf(manager));
  }

  addRecord(statement: CombinedStatement, workspaceId: string, at: Date, increments: MetricIncrement[]): void {
    const merged = mergeIncrements(increments);
    if (merged.length === 0) return;
    statement.with(
      'metric_increments_added',
      `INSERT INTO metric_increments (workspace_id, recorded_at, increments)
       VALUES (${statement.param(workspaceId, 'uuid')}, ${statement.param(at, 'timestamptz')}, ${statement.param(JSON.stringify(merged), 'jsonb')})`,
    );
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
