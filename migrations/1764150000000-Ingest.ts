import { MigrationInterface, QueryRunner } from 'typeorm';

export class Ingest1764150000000 implements MigrationInterface {
  name = 'Ingest1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Per-workspace ingest settings (event age, attribution and dedup windows, default country...);
    // missing keys take the defaults in code, so new settings need no data migration.
    await queryRunner.query(`ALTER TABLE workspaces ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'`);

    await queryRunner.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        event_name text NOT NULL,
        event_time timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        ingest_key_id uuid,
        payload jsonb NOT NULL,
        ttclid_restored boolean NOT NULL DEFAULT false,
        ttp_restored boolean NOT NULL DEFAULT false
      )`);
    // Lookups by event_id go through event_dedup's primary key; every index here costs each insert.
    await queryRunner.query(`CREATE INDEX events_workspace_received_idx ON events (workspace_id, received_at DESC)`);

    // The dedup claim: the primary key makes "first writer wins" hold under any concurrency.
    await queryRunner.query(`
      CREATE TABLE event_dedup (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        event_ref uuid NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, event_id)
      )`);

    // Latest ttclid/ttp seen per visitor identity (anonymous id, hashed email/phone/external id).
    await queryRunner.query(`
      CREATE TABLE click_ids (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        identity text NOT NULL,
        ttclid text,
        ttclid_captured_at timestamptz,
        ttp text,
        ttp_captured_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, identity)
      )`);

    await queryRunner.query(`
      CREATE TABLE deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        connector_id uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
        event_ref uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'rejected', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        platform_code integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        -- event_ref first: it also serves the events debugger's per-event lookups.
        UNIQUE (event_ref, connector_id)
      )`);
    // The worker's claim query: due pending rows of one connector, oldest first.
    await queryRunner.query(
      `CREATE INDEX deliveries_pending_idx ON deliveries (connector_id, next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE deliveries`);
    await queryRunner.query(`DROP TABLE click_ids`);
    await queryRunner.query(`DROP TABLE event_dedup`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`ALTER TABLE workspaces DROP COLUMN settings`);
  }
}
