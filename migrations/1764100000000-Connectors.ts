import { MigrationInterface, QueryRunner } from 'typeorm';

export class Connectors1764100000000 implements MigrationInterface {
  name = 'Connectors1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE connectors (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        platform text NOT NULL CHECK (platform IN ('tiktok')),
        name text NOT NULL,
        pixel_code text NOT NULL,
        access_token_sealed text NOT NULL,
        access_token_key_id text NOT NULL,
        access_token_hint text NOT NULL,
        test_event_code text,
        status text NOT NULL CHECK (status IN ('active', 'invalid')),
        status_reason text,
        event_mapping jsonb NOT NULL DEFAULT '{}',
        options jsonb NOT NULL,
        last_validation jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX connectors_workspace_id_idx ON connectors (workspace_id, created_at)`);
    // The re-encrypt command looks for rows sealed under a key that is no longer current.
    await queryRunner.query(`CREATE INDEX connectors_access_token_key_id_idx ON connectors (access_token_key_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE connectors`);
  }
}
