import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invitations1796152380491 implements MigrationInterface {
  name = 'Invitations1796152380491';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Adding a member is an invitation the person accepts with a one-time token (only its SHA-256
    // is stored), whether or not the email has an account yet.
    await queryRunner.query(`
      CREATE TABLE invitations (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
        token_hash text NOT NULL,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        revoked_at timestamptz,
        PRIMARY KEY (workspace_id, id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash)`);
    // One open invitation per email and workspace; a new one replaces (revokes) the old.
    await queryRunner.query(
      `CREATE UNIQUE INDEX invitations_open_key ON invitations (workspace_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
    // GET /v1/me/invitations: the open invitations of one email, across workspaces.
    await queryRunner.query(`CREATE INDEX invitations_open_email_idx ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invitations`);
  }
}
