import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Any constant unique to this lock in the database: roll-ups run one at a time.
const ROLLUP_LOCK = 7_3657_0001;

// Folds the increments recorded by ingest and delivery transactions into metric_counts at
// minute, hour and day granularity, in one transaction: the rows it takes are deleted as they
// are counted, so every increment is counted exactly once. Reads roll up first, so the metrics
// API is exact to the last committed event; the worker also rolls up every second to keep the
// log short.
@Injectable()
export class MetricsRollup {
  constructor(private readonly dataSource: DataSource) {}

  // Returns how many increment rows were folded.
  async rollUp(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Serialized: two roll-ups upserting the same counters in different orders could deadlock.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK]);
      const rows: Array<{ taken: number }> = await manager.query(
        `WITH taken AS (
           DELETE FROM metric_increments RETURNING workspace_id, recorded_at, increments),
         summed AS (
           SELECT t.workspace_id, g.granularity, date_trunc(g.granularity, t.recorded_at, 'UTC') AS bucket,
                  i.c AS connector_id, i.m AS metric, i.d1 AS dim1, i.d2 AS dim2, sum(i.v) AS value
             FROM taken t
            CROSS JOIN jsonb_to_recordset(t.increments) AS i(c uuid, m text, d1 text, d2 text, v bigint)
            CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) AS g(granularity)
            -- Increments of a workspace deleted since are dropped with it.
            WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = t.workspace_id)
            GROUP BY 1, 2, 3, 4, 5, 6, 7),
         counted AS (
           INSERT INTO metric_counts AS m (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard, value)
           SELECT workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, 0, value FROM summed
           ON CONFLICT (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard)
           DO UPDATE SET value = m.value + EXCLUDED.value)
         SELECT count(*)::int AS taken FROM taken`,
      );
      return rows[0].taken;
    });
  }
}
