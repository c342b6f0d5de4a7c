import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryLogs1764200000000 implements MigrationInterface {
  name = 'DeliveryLogs1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per request to a platform. The request body is kept only for failed requests, and it
    // never contains the access token (that travels in a header).
    await queryRunner.query(`
      CREATE TABLE delivery_logs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        connector_id uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        events integer NOT NULL,
        http_status integer,
        platform_code integer,
        platform_message text NOT NULL,
        request_id text,
        latency_ms integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'rejected', 'failed', 'credentials_invalid')),
        attempt integer NOT NULL,
        request_body jsonb
      )`);
    await queryRunner.query(`CREATE INDEX delivery_logs_workspace_idx ON delivery_logs (workspace_id, connector_id, created_at DESC)`);
    // Retries stop this long after retry_since (24 h by default); a replay starts the clock again.
    await queryRunner.query(`ALTER TABLE deliveries ADD COLUMN retry_since timestamptz NOT NULL DEFAULT now()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deliveries DROP COLUMN retry_since`);
    await queryRunner.query(`DROP TABLE delivery_logs`);
  }
}
