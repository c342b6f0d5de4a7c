import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MetricIncrement, NO_CONNECTOR } from './metric-names';

const SHARDS = 16;
const GRANULARITIES = ['minute', 'hour', 'day'] as const;

// Adds increments to the minute, hour and day buckets in ONE statement, inside the caller's
// transaction: the counts commit or roll back with the events they count.
@Injectable()
export class MetricsRecorder {
  async record(manager: EntityManager, workspaceId: string, at: Date, increments: MetricIncrement[]): Promise<void> {
    // ON CONFLICT cannot touch one row twice in a statement: merge equal keys first.
    const merged = new Map<string, MetricIncrement>();
    for (const increment of increments) {
      if (increment.value === 0) continue;
      const existing = merged.get(key(increment));
      if (existing) existing.value += increment.value;
      else merged.set(key(increment), { ...increment });
    }
    const rows = [...merged.values()];
    if (rows.length === 0) return;
    // One random shard per statement; sorted keys keep lock order stable across transactions.
    const shard = Math.floor(Math.random() * SHARDS);
    const sorted = [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    const granularity: string[] = [];
    const connector: string[] = [];
    const metric: string[] = [];
    const dim1: string[] = [];
    const dim2: string[] = [];
    const value: number[] = [];
    for (const g of GRANULARITIES) {
      for (const row of sorted) {
        granularity.push(g);
        connector.push(row.connectorId ?? NO_CONNECTOR);
        metric.push(row.metric);
        dim1.push(row.dim1 ?? '');
        dim2.push(row.dim2 ?? '');
        value.push(row.value);
      }
    }
    await manager.query(
      `INSERT INTO metric_counts AS m (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard, value)
       SELECT $1, i.g, date_trunc(i.g, $2::timestamptz, 'UTC'), i.c, i.m, i.d1, i.d2, $3, i.v
         FROM unnest($4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::bigint[]) AS i(g, c, m, d1, d2, v)
       ON CONFLICT (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard)
       DO UPDATE SET value = m.value + EXCLUDED.value`,
      [workspaceId, at, shard, granularity, connector, metric, dim1, dim2, value],
    );
  }
}

function key(row: MetricIncrement): string {
  return `${row.connectorId ?? ''}|${row.metric}|${row.dim1 ?? ''}|${row.dim2 ?? ''}`;
}
