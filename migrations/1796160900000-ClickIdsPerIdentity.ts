import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickIdsPerIdentity1796160900000 implements MigrationInterface {
  name = 'ClickIdsPerIdentity1796160900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per identity holding every kind captured for it (`ids`: kind -> [value, capture
    // time in Unix seconds]) instead of a row per identity and kind: a new visitor with two kinds
    // and three identities writes three rows, not six. `oldest_captured_at` is the oldest capture
    // in `ids`, when the row next has a kind to prune. The workspace deletion trigger's
    // `DELETE FROM click_ids` reads the new table by name.
    await queryRunner.query(`ALTER TABLE click_ids RENAME TO click_ids_by_kind`);
    await queryRunner.query(`ALTER TABLE click_ids_by_kind RENAME CONSTRAINT click_ids_pkey TO click_ids_by_kind_pkey`);
    await queryRunner.query(`ALTER INDEX click_ids_captured_at_idx RENAME TO click_ids_by_kind_captured_at_idx`);
    await queryRunner.query(`
      CREATE TABLE click_ids (
        workspace_id uuid NOT NULL,
        identity text NOT NULL,
        ids jsonb NOT NULL,
        oldest_captured_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, identity)
      )`);
    // Capture times were stored from whole seconds; ::bigint keeps them so.
    await queryRunner.query(`
      INSERT INTO click_ids (workspace_id, identity, ids, oldest_captured_at)
        SELECT workspace_id, identity, jsonb_object_agg(kind, jsonb_build_array(value, extract(epoch FROM captured_at)::bigint)),
               to_timestamp(min(extract(epoch FROM captured_at)::bigint))
          FROM click_ids_by_kind GROUP BY workspace_id, identity`);
    await queryRunner.query(`DROP TABLE click_ids_by_kind`);
    // The pruning job walks rows by their oldest capture, across workspaces.
    await queryRunner.query(`CREATE INDEX click_ids_oldest_captured_at_idx ON click_ids (oldest_captured_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE click_ids RENAME TO click_ids_per_identity`);
    await queryRunner.query(`ALTER TABLE click_ids_per_identity RENAME CONSTRAINT click_ids_pkey TO click_ids_per_identity_pkey`);
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
        SELECT c.workspace_id, c.identity, k.key, k.value->>0, to_timestamp((k.value->>1)::bigint)
          FROM click_ids_per_identity AS c, jsonb_each(c.ids) AS k`);
    await queryRunner.query(`DROP TABLE click_ids_per_identity`);
    await queryRunner.query(`CREATE INDEX click_ids_captured_at_idx ON click_ids (captured_at)`);
  }
}
