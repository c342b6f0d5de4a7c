import { MigrationInterface, QueryRunner } from 'typeorm';

export class DedupExpiry1796160300000 implements MigrationInterface {
  name = 'DedupExpiry1796160300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The storage maintenance finds a workspace's claims past its dedup window in bounded batches
    // through this, without scanning the table.
    await queryRunner.query(`CREATE INDEX event_dedup_expiry_idx ON event_dedup (workspace_id, first_seen_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX event_dedup_expiry_idx`);
  }
}
