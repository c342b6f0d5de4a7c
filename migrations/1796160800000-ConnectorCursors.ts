import { MigrationInterface, QueryRunner } from 'typeorm';

// Ingest no longer writes a delivery row per event and connector: each connector has a cursor over
// its workspace's events, and the worker writes the rows from it (DeliveriesRepository.materialize).
// Events are ordered by the id of the transaction that wrote them (xid8, never wraps), and the
// cursor keeps the ids of the transactions below it that were still running when it moved
// (in_flight): their events, committed later, are read by those ids. So no event is ever left
// behind the cursor, and no long transaction holds the others back. received_at (the
// transaction's start) gives no such order: a slow transaction commits rows older than those read.
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
        in_flight xid8[] NOT NULL DEFAULT '{}',
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
