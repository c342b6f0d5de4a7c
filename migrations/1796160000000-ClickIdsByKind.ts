import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickIdsByKind1796160000000 implements MigrationInterface {
  name = 'ClickIdsByKind1796160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per identity and kind of click id (ttclid, ttp, fbc, fbp, any kind a platform
    // declares), instead of a pair of columns per kind. The old table's rows move across. The
    // workspace deletion trigger's `DELETE FROM click_ids` reads the new table by name.
    await queryRunner.query(`ALTER TABLE click_ids RENAME TO click_ids_by_column`);
    await queryRunner.query(`ALTER TABLE click_ids_by_column RENAME CONSTRAINT click_ids_pkey TO click_ids_by_column_pkey`);
    await queryRunner.query(`
      CREATE TABLE click_ids (
        workspace_id uuid NOT NULL,
        identity text NOT NULL,
        kind text NOT NULL,
        value text NOT NULL,
        captured_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, identity, kind)
      )`);
    await queryRunner.query(`
      INSERT INTO click_ids (workspace_id, identity, kind, value, captured_at)
        SELECT workspace_id, identity, 'ttclid', ttclid, ttclid_captured_at FROM click_ids_by_column
         WHERE ttclid IS NOT NULL AND ttclid_captured_at IS NOT NULL
        UNION ALL
        SELECT workspace_id, identity, 'ttp', ttp, ttp_captured_at FROM click_ids_by_column
         WHERE ttp IS NOT NULL AND ttp_captured_at IS NOT NULL`);
    await queryRunner.query(`DROP TABLE click_ids_by_column`);
    // The pruning job deletes by age across workspaces, oldest first.
    await queryRunner.query(`CREATE INDEX click_ids_captured_at_idx ON click_ids (captured_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE click_ids RENAME TO click_ids_by_kind`);
    await queryRunner.query(`ALTER TABLE click_ids_by_kind RENAME CONSTRAINT click_ids_pkey TO click_ids_by_kind_pkey`);
    await queryRunner.query(`
      CREATE TABLE click_ids (
        workspace_id uuid NOT NULL,
        identity text NOT NULL,
        ttclid text,
        ttclid_captured_at timestamptz,
        ttp text,
        ttp_captured_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT click_ids_pkey PRIMARY KEY (identity, workspace_id)
      )`);
    // Only the kinds the old table has columns for go back; other kinds' rows are dropped.
    await queryRunner.query(`
      INSERT INTO click_ids (workspace_id, identity, ttclid, ttclid_captured_at, ttp, ttp_captured_at)
        SELECT workspace_id, identity,
               max(value) FILTER (WHERE kind = 'ttclid'), max(captured_at) FILTER (WHERE kind = 'ttclid'),
               max(value) FILTER (WHERE kind = 'ttp'), max(captured_at) FILTER (WHERE kind = 'ttp')
          FROM click_ids_by_kind WHERE kind IN ('ttclid', 'ttp')
         GROUP BY workspace_id, identity`);
    await queryRunner.query(`DROP TABLE click_ids_by_kind`);
  }
}
