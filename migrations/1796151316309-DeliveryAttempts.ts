import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_OUTCOMES = `'delivered', 'retry', 'rejected', 'failed', 'credentials_invalid'`;

export class DeliveryAttempts1796151316309 implements MigrationInterface {
  name = 'DeliveryAttempts1796151316309';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A delivery log row is now the record of one attempt, written (outcome 'sending') and committed
    // before the request leaves, and settled with the answer. A worker that dies mid-request leaves
    // it 'sending'; the next claimer of its deliveries marks it 'in_doubt' and counts its resend as
    // the next attempt. delivery_ids names the batch, request_key the request.
    await queryRunner.query(`
      ALTER TABLE delivery_logs
        ADD COLUMN request_key uuid,
        ADD COLUMN delivery_ids bigint[] NOT NULL DEFAULT '{}',
        ADD COLUMN resent_events integer NOT NULL DEFAULT 0,
        ADD COLUMN settled_at timestamptz,
        ALTER COLUMN latency_ms DROP NOT NULL,
        DROP CONSTRAINT delivery_logs_outcome_check,
        ADD CONSTRAINT delivery_logs_outcome_check CHECK (outcome IN (${OLD_OUTCOMES}, 'sending', 'in_doubt'))`);
    // What the claim looks at to tell a crashed attempt: few rows (requests in flight, recent crashes).
    await queryRunner.query(
      `CREATE INDEX delivery_logs_unsettled_idx ON delivery_logs (workspace_id, connector_id, created_at) WHERE outcome IN ('sending', 'in_doubt')`,
    );
    // A platform that would count a resent event twice parks the events of a crashed attempt here.
    await queryRunner.query(`
      ALTER TABLE deliveries
        DROP CONSTRAINT deliveries_status_check,
        ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'delivered', 'rejected', 'failed', 'skipped', 'in_doubt'))`);
    // A workspace's metrics read adds its own increments not folded yet, instead of folding everyone's.
    await queryRunner.query(`CREATE INDEX metric_increments_workspace_idx ON metric_increments (workspace_id, recorded_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX metric_increments_workspace_idx`);
    // Events parked as in doubt go back to pending: the older schema resends them.
    await queryRunner.query(`UPDATE deliveries SET status = 'pending', next_attempt_at = now() WHERE status = 'in_doubt'`);
    await queryRunner.query(`
      ALTER TABLE deliveries
        DROP CONSTRAINT deliveries_status_check,
        ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'delivered', 'rejected', 'failed', 'skipped'))`);
    await queryRunner.query(`DROP INDEX delivery_logs_unsettled_idx`);
    await queryRunner.query(`UPDATE delivery_logs SET outcome = 'retry' WHERE outcome IN ('sending', 'in_doubt')`);
    await queryRunner.query(`UPDATE delivery_logs SET latency_ms = 0 WHERE latency_ms IS NULL`);
    await queryRunner.query(`
      ALTER TABLE delivery_logs
        DROP CONSTRAINT delivery_logs_outcome_check,
        ADD CONSTRAINT delivery_logs_outcome_check CHECK (outcome IN (${OLD_OUTCOMES})),
        ALTER COLUMN latency_ms SET NOT NULL,
        DROP COLUMN settled_at,
        DROP COLUMN resent_events,
        DROP COLUMN delivery_ids,
        DROP COLUMN request_key`);
  }
}
