import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, InjectConfig } from '@app/core';
import { Metric, NO_CONNECTOR } from '../recording/metric-names';
import { coveringSpans, seriesGranularity } from './metrics-range';
import { buildMetricsReport, CounterRow, MetricsReport, SeriesRow } from './metrics-report';

const SERIES_METRICS = [Metric.Received, Metric.Rejected, Metric.Delivered, Metric.Accepted, Metric.HasTtclid];

// Increments recorded but not folded yet (the worker folds them every second), one row per
// (increment, metric) of this workspace: reads add them to the folded counts instead of running
// the roll-up, which folds every workspace's increments under a lock. Each read is one statement,
// so it sees every increment exactly once, folded or not.
const UNFOLDED_INCREMENTS = `metric_increments t CROSS JOIN jsonb_to_recordset(t.increments) AS i(c uuid, m text, d1 text, d2 text, v bigint)`;

// Every query here filters on workspace_id first (the leading column of each index it uses). A
// read writes nothing: it costs what this workspace recorded, not what everyone did.
@Injectable()
export class MetricsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async report(workspaceId: string, from: Date, to: Date, connectorId?: string): Promise<MetricsReport> {
    const connector = connectorId ?? null;
    const [counters, series, pending, invalid] = await Promise.all([
      this.counters(workspaceId, from, to, connector),
      this.series(workspaceId, from, to, connector),
      // Through the workspace's connectors: the pending index leads with connector_id, so this reads
      // the workspace's own pending rows, not every workspace's.
      this.dataSource.query(
        `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(d.created_at)) / 60 AS oldest
           FROM connectors c JOIN deliveries d ON d.connector_id = c.id AND d.status = 'pending' AND d.workspace_id = $1
          WHERE c.workspace_id = $1 AND ($2::uuid IS NULL OR c.id = $2)`,
        [workspaceId, connector],
      ) as Promise<Array<{ pending: number; oldest: number | null }>>,
      this.dataSource.query(
        `SELECT id, name, status_reason AS reason FROM connectors
          WHERE workspace_id = $1 AND status = 'invalid' AND ($2::uuid IS NULL OR id = $2)`,
        [workspaceId, connector],
      ) as Promise<Array<{ id: string; name: string; reason: string | null }>>,
    ]);
    return buildMetricsReport({
      from,
      to,
      counters,
      series,
      pending: pending[0].pending,
      oldestPendingAgeMinutes: pending[0].oldest === null ? null : Number(pending[0].oldest),
      invalidConnectors: invalid,
      thresholds: this.config.metricsThresholds,
    });
  }

  // One index range scan per span (at most five) on (workspace, granularity, bucket), as branches
  // of one statement with the unfolded increments of the covered minutes: a single join over all
  // spans let the planner scan the whole workspace (300 ms for 30 days of a busy workspace).
  private async counters(workspaceId: string, from: Date, to: Date, connector: string | null): Promise<CounterRow[]> {
    const spans = coveringSpans(from, to);
    if (spans.length === 0) return [];
    const params: unknown[] = [workspaceId, NO_CONNECTOR, connector];
    const place = (value: unknown): string => `$${params.push(value)}`;
    const branches = spans.map(
      (span) => `SELECT metric, dim1, dim2, value FROM metric_counts
                  WHERE workspace_id = $1 AND granularity = ${place(span.granularity)} AND bucket >= ${place(span.from)} AND bucket < ${place(span.to)}
                    AND (connector_id = $2 OR $3::uuid IS NULL OR connector_id = $3)`,
    );
    branches.push(`SELECT i.m, i.d1, i.d2, i.v FROM ${UNFOLDED_INCREMENTS}
                    WHERE t.workspace_id = $1 AND t.recorded_at >= ${place(spans[0].from)} AND t.recorded_at < ${place(spans[spans.length - 1].to)}
                      AND (i.c = $2 OR $3::uuid IS NULL OR i.c = $3)`);
    return this.dataSource.query(
      `SELECT metric, dim1, dim2, sum(value)::float8 AS value FROM (${branches.join(' UNION ALL ')}) AS counted (metric, dim1, dim2, value)
        GROUP BY metric, dim1, dim2`,
      params,
    );
  }

  private async series(workspaceId: string, from: Date, to: Date, connector: string | null): Promise<SeriesRow[]> {
    const granularity = seriesGranularity(from, to);
    const rows: Array<{ bucket: Date; metric: string; value: number }> = await this.dataSource.query(
      `SELECT bucket, metric, sum(value)::float8 AS value FROM (
         SELECT bucket, metric, value
           FROM metric_counts
          WHERE workspace_id = $1 AND granularity = $2 AND bucket >= date_trunc($2, $3::timestamptz, 'UTC') AND bucket < $4
            AND metric = ANY($5::text[]) AND (connector_id = $6 OR $7::uuid IS NULL OR connector_id = $7)
         UNION ALL
         SELECT date_trunc($2, t.recorded_at, 'UTC'), i.m, i.v
           FROM ${UNFOLDED_INCREMENTS}
          WHERE t.workspace_id = $1 AND t.recorded_at >= date_trunc($2, $3::timestamptz, 'UTC') AND date_trunc($2, t.recorded_at, 'UTC') < $4
            AND i.m = ANY($5::text[]) AND (i.c = $6 OR $7::uuid IS NULL OR i.c = $7)
       ) AS counted (bucket, metric, value)
        GROUP BY bucket, metric ORDER BY bucket`,
      [workspaceId, granularity, from, to, SERIES_METRICS, NO_CONNECTOR, connector],
    );
    const buckets = new Map<number, Record<string, number>>();
    for (const row of rows) {
      const key = new Date(row.bucket).getTime();
      buckets.set(key, { ...(buckets.get(key) ?? {}), [row.metric]: row.value });
    }
    return [...buckets.entries()].map(([time, values]) => ({
      bucket: new Date(time),
      received: values[Metric.Received] ?? 0,
      rejected: values[Metric.Rejected] ?? 0,
      delivered: values[Metric.Delivered] ?? 0,
      ttclidCoverage: values[Metric.Accepted] ? (values[Metric.HasTtclid] ?? 0) / values[Metric.Accepted] : 0,
    }));
  }
}
