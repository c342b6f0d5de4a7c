import { MigrationInterface, QueryRunner } from 'typeorm';

export class Metrics1764250000000 implements MigrationInterface {
  name = 'Metrics1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Exact counters, written in the same transaction as what they count, at three granularities
    // (minute, hour, day) so a 30-day query reads days, not 43,200 minutes. `shard` spreads the
    // upserts of concurrent transactions of one workspace over several rows, so counting does not
    // serialize ingest on one hot row; reads sum over shards. connector_id is the nil UUID for
    // ingest-side counters, which belong to the workspace rather than a connector.
    await queryRunner.query(`
      CREATE TABLE metric_counts (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        granularity text NOT NULL CHECK (granularity IN ('minute', 'hour', 'day')),
        bucket timestamptz NOT NULL,
        connector_id uuid NOT NULL,
        metric text NOT NULL,
        dim1 text NOT NULL DEFAULT '',
        dim2 text NOT NULL DEFAULT '',
        shard smallint NOT NULL DEFAULT 0,
        value bigint NOT NULL,
        PRIMARY KEY (workspace_id, granularity, bucket, connector_id, metric, dim1, dim2, shard)
      )`);
    await queryRunner.query(`CREATE INDEX deliveries_pending_age_idx ON deliveries (workspace_id, created_at) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX deliveries_pending_age_idx`);
    await queryRunner.query(`DROP TABLE metric_counts`);
  }
}
