import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../access/role';

export interface InvitationRow {
  workspaceId: string;
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

// Runs on the pool or inside a transaction.
type Queryable = Pick<DataSource | EntityManager, 'query'>;

const columns = (t = 'invitations') => `${t}.workspace_id AS "workspaceId", ${t}.id, ${t}.email, ${t}.role, ${t}.invited_by AS "invitedBy",
  ${t}.created_at AS "createdAt", ${t}.expires_at AS "expiresAt", ${t}.accepted_at AS "acceptedAt", ${t}.revoked_at AS "revokedAt"`;
const COLUMNS = columns();
const OPEN = 'accepted_at IS NULL AND revoked_at IS NULL';

// The only SQL on `invitations`. Every query takes the workspace id first and filters on it,
// except the two whose key is not a workspace: a token (which is how an invitation is found when
// it is accepted) and the caller's own email (their invitations across workspaces).
@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  // Replaces an open invitation of the same email, so only the newest link works.
  async createReplacingOpen(
    tx: EntityManager,
    workspaceId: string,
    invitation: { email: string; role: Role; tokenHash: string; invitedBy: string; ttlDays: number },
  ): Promise<InvitationRow> {
    await tx.query(`UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1 AND email = $2 AND ${OPEN}`, [
      workspaceId,
      invitation.email,
    ]);
    const rows: InvitationRow[] = await tx.query(
      `INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
       RETURNING ${COLUMNS}`,
      [workspaceId, invitation.email, invitation.role, invitation.tokenHash, invitation.invitedBy, invitation.ttlDays],
    );
    return rows[0];
  }

  list(workspaceId: string, limit: number): Promise<InvitationRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM invitations WHERE workspace_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [
      workspaceId,
      limit,
    ]);
  }

  async findForUpdate(tx: Queryable, workspaceId: string, id: string): Promise<InvitationRow | undefined> {
    const rows: InvitationRow[] = await tx.query(`SELECT ${COLUMNS} FROM invitations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [
      workspaceId,
      id,
    ]);
    return rows[0];
  }

  async revoke(tx: Queryable, workspaceId: string, id: string): Promise<void> {
    await tx.query(`UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND ${OPEN}`, [workspaceId, id]);
  }

  // Not scoped by workspace: the token is what finds the invitation.
  async findByTokenForUpdate(tx: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
    const rows: InvitationRow[] = await tx.query(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = $1 FOR UPDATE`, [tokenHash]);
    return rows[0];
  }

  async markAccepted(tx: Queryable, workspaceId: string, id: string, userId: string): Promise<void> {
    await tx.query(`UPDATE invitations SET accepted_at = now(), accepted_by = $3 WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
      userId,
    ]);
  }

  // Not scoped by workspace: the caller's own open invitations, wherever they are.
  listOpenForEmail(email: string): Promise<Array<InvitationRow & { workspaceName: string }>> {
    return this.dataSource.query(
      `SELECT ${columns('i')}, w.name AS "workspaceName"
         FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
        WHERE i.email = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC LIMIT 100`,
      [email],
    );
  }
}
