import { MigrationInterface, QueryRunner } from 'typeorm';

// Ingest no longer writes a delivery row per event and connector: each connector has a cursor over
// its workspace's events, and the worker writes the rows from it (DeliveriesRepository.materialize).
// Events are ordered by the id of the transaction that wrote them (xid8, never wraps), not by
// received_at: every transaction below the oldest one still running has finished, so an event can
// never appear behind a cursor that only moves up to there. received_at (the transaction's start)
// gives no such bound: a slow transaction commits rows older than those already read.
export class ConnectorCursors1796160800000 implements MigrationInterface {
  name = 'ConnectorCursors1796160800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A stable default: the existing rows take this migration's transaction id without a rewrite.
    await queryRunner.query(`ALTER TABLE events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`CREATE INDEX events_workspace_tx_idx ON events (workspace_id, tx, id)`);
    await queryRunner.query(`
      CREATE TABLE connector_cursors (
        workspace_id uuid NOT NULL,
        connector_id uuid NOT NULL,
        tx xid8 NOT NULL,
        event_ref uuid NOT NULL,
        PRIMARY KEY (workspace_id, connector_id),
        FOREIGN KEY (workspace_id, connector_id) REFERENCES connectors (workspace_id, id) ON DELETE CASCADE
      )`);
    // Existing connectors start after every stored event (they all carry this transaction's id):
    // those already have their rows, written by ingest before this migration.
    await queryRunner.query(`
      INSERT INTO connector_cursors (workspace_id, connector_id, tx, event_ref)
      SELECT workspace_id, id, pg_current_xact_id(), 'ffffffff-ffff-ffff-ffff-ffffffffffff' FROM connectors`);
  }

  // Events the cursors had not reached get no delivery row: revert with ingest stopped and the
  // workers caught up.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE connector_cursors`);
    await queryRunner.query(`DROP INDEX events_workspace_tx_idx`);
    await queryRunner.query(`ALTER TABLE events DROP COLUMN tx`);
  }
}
