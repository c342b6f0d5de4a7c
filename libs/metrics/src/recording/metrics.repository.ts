import { Injectable } from '@nestjs/common';
import { CombinedStatement, Database, Transaction, WorkspaceId } from '@app/core';
import type { BucketSpan, Granularity } from '../report/metrics-range';
import type { CounterRow } from '../report/metrics-report';

// One increment as stored in metric_increments.increments (short keys: one row per transaction).
export interface StoredIncrement {
  c: string;
  m: string;
  d1: string;
  d2: string;
  v: number;
}

// Increments recorded but not folded yet (the worker folds them every second), one row per
// (increment, metric): reads add them to the folded counts instead of running the roll-up, which
// folds every workspace's increments under a lock.
const UNFOLDED_INCREMENTS = `metric_increments t CROSS JOIN jsonb_to_recordset(t.increments) AS i(c uuid, m text, d1 text, d2 text, v bigint)`;

// Any constant unique to this lock in the database: roll-ups run one at a time.
const ROLLUP_LOCK = 7_3657_0001;

// The counters aggregate: metric_increments (one row per recording transaction) and
// metric_counts (the folded counters at minute, hour and day granularity).
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Database) {}

  addIncrements(statement: CombinedStatement, at: Date, increments: StoredIncrement[]): void {
    statement.with(
      'metric_increments_added',
      `INSERT INTO metric_increments (workspace_id, recorded_at, increments)
       VALUES (${statement.workspace}, ${statement.param(at, 'timestamptz')}, ${statement.param(JSON.stringify(increments), 'jsonb')})`,
    );
  }

  // Folds every increment row into metric_counts in the caller's transaction; the rows it takes
  // are deleted as they are counted, so each increment is counted exactly once. Increments of a
  // deleted workspace went with it (foreign key, ON DELETE CASCADE). Returns the rows folded.
  async rollUp(tx: Transaction): Promise<number> {
    const rollup = tx.acrossWorkspaces('metrics-rollup');
    // Serialized: two roll-ups upserting the same counters in different orders could deadlock.
    await rollup.one('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
    const row = await rollup.one<{ taken: number }>(
      `WITH taken AS (
         DELETE FROM metric_increments RETURNING workspace_id, recorded_at, increments),
       summed AS (
         SELECT t.workspace_id, g.granularity, date_trunc(g.granularity, t.recorded_at, 'UTC') AS bucket,
                i.c AS connector_id, i.m AS metric, i.d1 AS dim1, i.d2 AS dim2, sum(i.v) AS value
           FROM taken t
          CROSS JOIN jsonb_to_recordset(t.increments) AS i(c uuid, m text, d1 text, d2 text, v bigint)
          CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) AS g(granularity)
          GROUP BY 1, 2, 3, 4, 5, 6, 7),
       counted AS (
         INSERT INTO metric_counts AS m (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard, value)
         SELECT workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, 0, value FROM summed
         ON CONFLICT (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard)
         DO UPDATE SET value = m.value + EXCLUDED.value)
       SELECT count(*)::int AS taken FROM taken`,
    );
    return row?.taken ?? 0;
  }

  // The counters of the covered spans: one index range scan per span (at most five) on
  // (workspace, granularity, bucket), as branches of one statement with the increments of the
  // covered minutes not folded yet, so each increment counts exactly once, folded or not. A single
  // join over all spans let the planner scan the whole workspace (300 ms for 30 days of a busy
  // workspace). `connector` null sums every connector; otherwise that connector and the
  // workspace's own (ingest-side) counters, kept under `noConnector`. Rows stay per connector, so
  // the report can tell platforms apart (event names per platform).
  counters(workspaceId: WorkspaceId, spans: BucketSpan[], noConnector: string, connector: string | null): Promise<CounterRow[]> {
    const params: unknown[] = [noConnector, connector];
    // $1 is the workspace; the caller's values start at $2.
    const place = (value: unknown): string => `$${params.push(value) + 1}`;
    const branches = spans.map(
      (span) => `SELECT connector_id, metric, dim1, dim2, value FROM metric_counts
                  WHERE workspace_id = $1 AND granularity = ${place(span.granularity)} AND bucket >= ${place(span.from)} AND bucket < ${place(span.to)}
                    AND (connector_id = $2 OR $3::uuid IS NULL OR connector_id = $3)`,
    );
    branches.push(`SELECT i.c, i.m, i.d1, i.d2, i.v FROM ${UNFOLDED_INCREMENTS}
                    WHERE t.workspace_id = $1 AND t.recorded_at >= ${place(spans[0].from)} AND t.recorded_at < ${place(spans[spans.length - 1].to)}
                      AND (i.c = $2 OR $3::uuid IS NULL OR i.c = $3)`);
    return this.db.forWorkspace(workspaceId).many(
      `SELECT connector_id::text AS "connectorId", metric, dim1, dim2, sum(value)::float8 AS value
         FROM (${branches.join(' UNION ALL ')}) AS counted (connector_id, metric, dim1, dim2, value)
        GROUP BY connector_id, metric, dim1, dim2`,
      params,
    );
  }

  series(
    workspaceId: WorkspaceId,
    granularity: Granularity,
    from: Date,
    to: Date,
    metrics: string[],
    noConnector: string,
    connector: string | null,
  ): Promise<Array<{ bucket: Date; metric: string; value: number }>> {
    return this.db.forWorkspace(workspaceId).many(
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
      [granularity, from, to, metrics, noConnector, connector],
    );
  }

  // At most `limit` of the workspace's counters (every granularity) whose bucket began longer
  // than `months` ago; returns the rows deleted. Walks the primary key (workspace_id,
  // granularity, bucket, ...): one range per granularity.
  pruneCountsOlderThan(workspaceId: WorkspaceId, months: number, limit: number): Promise<number> {
    return this.db.forWorkspace(workspaceId).execute(
      `DELETE FROM metric_counts WHERE workspace_id = $1 AND ctid = ANY (ARRAY(
         SELECT ctid FROM metric_counts
          WHERE workspace_id = $1 AND granularity IN ('minute', 'hour', 'day') AND bucket < now() - make_interval(months => $2)
          LIMIT $3))`,
      [months, limit],
    );
  }
}
