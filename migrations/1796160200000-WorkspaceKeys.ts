import { MigrationInterface, QueryRunner } from 'typeorm';

// Tables whose primary key was the id alone; it becomes (workspace_id, id).
const KEYED_BY_ID = ['events', 'connectors', 'deliveries', 'delivery_logs', 'ingest_keys'];

export class WorkspaceKeys1796160200000 implements MigrationInterface {
  name = 'WorkspaceKeys1796160200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every key of a workspace-owned row starts with its workspace, so no key can relate or collide
    // rows of two workspaces, and a reference to a workspace's event or connector names the
    // workspace too. Every query of these tables is already scoped by workspace_id, so the keys
    // serve the same lookups. The foreign keys go first: they depend on the keys they reference.
    await queryRunner.query(`
      ALTER TABLE deliveries
        DROP CONSTRAINT deliveries_event_ref_fkey,
        DROP CONSTRAINT deliveries_connector_id_fkey,
        DROP CONSTRAINT deliveries_event_ref_connector_id_key`);
    await queryRunner.query(`ALTER TABLE delivery_logs DROP CONSTRAINT delivery_logs_connector_id_fkey`);
    for (const table of KEYED_BY_ID) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (workspace_id, id)`);
    }
    await queryRunner.query(`
      ALTER TABLE deliveries
        ADD CONSTRAINT deliveries_event_connector_key UNIQUE (workspace_id, event_ref, connector_id),
        ADD CONSTRAINT deliveries_event_ref_fkey FOREIGN KEY (workspace_id, event_ref) REFERENCES events (workspace_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT deliveries_connector_id_fkey FOREIGN KEY (workspace_id, connector_id) REFERENCES connectors (workspace_id, id) ON DELETE CASCADE`);
    await queryRunner.query(`
      ALTER TABLE delivery_logs
        ADD CONSTRAINT delivery_logs_connector_id_fkey FOREIGN KEY (workspace_id, connector_id) REFERENCES connectors (workspace_id, id) ON DELETE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE deliveries
        DROP CONSTRAINT deliveries_event_ref_fkey,
        DROP CONSTRAINT deliveries_connector_id_fkey,
        DROP CONSTRAINT deliveries_event_connector_key`);
    await queryRunner.query(`ALTER TABLE delivery_logs DROP CONSTRAINT delivery_logs_connector_id_fkey`);
    for (const table of KEYED_BY_ID) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id)`);
    }
    await queryRunner.query(`
      ALTER TABLE deliveries
        ADD CONSTRAINT deliveries_event_ref_connector_id_key UNIQUE (event_ref, connector_id),
        ADD CONSTRAINT deliveries_event_ref_fkey FOREIGN KEY (event_ref) REFERENCES events (id) ON DELETE CASCADE,
        ADD CONSTRAINT deliveries_connector_id_fkey FOREIGN KEY (connector_id) REFERENCES connectors (id) ON DELETE CASCADE`);
    await queryRunner.query(`
      ALTER TABLE delivery_logs
        ADD CONSTRAINT delivery_logs_connector_id_fkey FOREIGN KEY (connector_id) REFERENCES connectors (id) ON DELETE CASCADE`);
  }
}
