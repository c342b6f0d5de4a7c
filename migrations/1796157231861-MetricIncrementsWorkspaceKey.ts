import { MigrationInterface, QueryRunner } from 'typeorm';

export class MetricIncrementsWorkspaceKey1796157231861 implements MigrationInterface {
  name = 'MetricIncrementsWorkspaceKey1796157231861';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Increments of a deleted workspace go with it, so the metrics roll-up no longer reads the
    // workspaces table (owned by tenancy) to drop them, and no increment can be written for a
    // workspace that is gone. One row per recording transaction: the check costs one probe of the
    // workspace row that the same transaction's events already lock.
    await queryRunner.query(
      `ALTER TABLE metric_increments ADD CONSTRAINT metric_increments_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE metric_increments DROP CONSTRAINT metric_increments_workspace_id_fkey`);
  }
}
