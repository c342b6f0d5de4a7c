import { MigrationInterface, QueryRunner } from 'typeorm';

export class RawEvents1796160400000 implements MigrationInterface {
  name = 'RawEvents1796160400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every event as it arrived (plain email and phone redacted), whatever became of it: accepted
    // (then `id` is the stored event's id), a duplicate of `original_ref`, or rejected with its
    // reason and errors. No foreign key to events: the debugger reads both by id, and the two
    // tables are kept and partitioned on their own schedules. Bounded by the worker's clean-up.
    await queryRunner.query(`
      CREATE TABLE raw_events (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('accepted', 'duplicate', 'rejected')),
        event_name text,
        event_id text,
        original_ref uuid,
        reason text,
        errors jsonb,
        raw jsonb,
        PRIMARY KEY (workspace_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX raw_events_refused_idx ON raw_events (workspace_id, received_at DESC, id) WHERE status <> 'accepted'`,
    );
    await queryRunner.query(`CREATE INDEX raw_events_received_idx ON raw_events (received_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE raw_events`);
  }
}
