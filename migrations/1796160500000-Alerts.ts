import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1796160500000 implements MigrationInterface {
  name = 'Alerts1796160500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One webhook per workspace. The signing secret is sealed like connector credentials (the
    // vault binds it to the workspace), shown once when the webhook is created.
    await queryRunner.query(`
      CREATE TABLE alert_webhooks (
        workspace_id uuid NOT NULL PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        url text NOT NULL,
        secret_sealed text NOT NULL,
        secret_key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Alerts raised by the worker's rules, with the state of their one webhook notification.
    // `subject` is what the alert is about (a connector id, or 'workspace'); one open alert per
    // kind and subject, so a condition that lasts is raised, and sent, once.
    await queryRunner.query(`
      CREATE TABLE alerts (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('connector_invalid', 'no_traffic', 'rejection_rate')),
        subject text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        webhook_status text NOT NULL CHECK (webhook_status IN ('pending', 'sent', 'failed', 'none')),
        webhook_attempts integer NOT NULL DEFAULT 0,
        webhook_next_at timestamptz,
        webhook_sent_at timestamptz,
        webhook_last_error text,
        PRIMARY KEY (workspace_id, id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX alerts_open_idx ON alerts (workspace_id, kind, subject) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX alerts_listed_idx ON alerts (workspace_id, raised_at DESC, id)`);
    // The sender's scan, in every workspace: only the notifications still to send.
    await queryRunner.query(`CREATE INDEX alerts_webhook_due_idx ON alerts (webhook_next_at) WHERE webhook_status = 'pending'`);
    // The clean-up's scan, in every workspace: resolved alerts by age.
    await queryRunner.query(`CREATE INDEX alerts_resolved_idx ON alerts (resolved_at) WHERE status = 'resolved'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alerts`);
    await queryRunner.query(`DROP TABLE alert_webhooks`);
  }
}
